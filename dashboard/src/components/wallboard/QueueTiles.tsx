"use client";

import { memo } from "react";
import { sinceOf } from "../../lib/dom-clock";
import { formatDuration } from "../../lib/format";
import type { Queue } from "../../lib/live-types";
import { useSession } from "../../lib/session";
import { queueHealth } from "./thresholds";

const QueueTile = memo(function QueueTile({ queue, at }: { queue: Queue; at: string | undefined }) {
  const { t, fmt } = useSession();
  const health = queueHealth(queue);
  const waitSince = queue.waiting > 0 ? sinceOf(at, queue.longestWaitSeconds) : undefined;
  return (
    <section
      className={`tile queue ${health.overall}`}
      data-testid={`queue-${queue.id}`}
      data-health={health.overall}
    >
      <h3>{queue.id}</h3>
      <div className="big">
        <div>
          <span className="label">{t("waiting")}</span>
          <span className="value" data-testid="waiting">
            {fmt.int(queue.waiting)}
          </span>
        </div>
        <div className={health.longestWait}>
          <span className="label">{t("longestWait")}</span>
          <span className="value" data-since={waitSince}>
            {formatDuration(queue.waiting > 0 ? queue.longestWaitSeconds : 0)}
          </span>
        </div>
        <div className={health.serviceLevel}>
          <span className="label">{t("serviceLevel")}</span>
          <span className="value" data-testid="service-level">
            {fmt.percent(queue.serviceLevel)}
          </span>
          <span className="sub">
            {t("target")} {fmt.percent(queue.targetServiceLevel)} / {queue.thresholdSeconds}s
          </span>
        </div>
      </div>
      <dl className="small">
        <dt>{t("asa")}</dt>
        <dd>{fmt.duration(queue.asaSeconds)}</dd>
        <dt>{t("abandonRate")}</dt>
        <dd>{fmt.percent(queue.abandonRate)}</dd>
        <dt>{t("ewt")}</dt>
        <dd>{fmt.duration(queue.estimatedWaitSeconds)}</dd>
        <dt>{t("agentsAvailable")}</dt>
        <dd>{fmt.int(queue.agents.available)}</dd>
        <dt>{t("offeredToday")}</dt>
        <dd data-testid="offered">{fmt.int(queue.counts.offered)}</dd>
        <dt>{t("handledToday")}</dt>
        <dd>{fmt.int(queue.counts.handled)}</dd>
      </dl>
    </section>
  );
});

export function QueueTiles({ queues, at }: { queues: Queue[]; at: string | undefined }) {
  return (
    <div className="queues">
      {queues.map((q) => (
        <QueueTile key={q.id} queue={q} at={at} />
      ))}
    </div>
  );
}
