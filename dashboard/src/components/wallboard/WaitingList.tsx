"use client";

import { useMemo } from "react";
import { codeText } from "../../lib/code-text";
import { sinceOf } from "../../lib/dom-clock";
import type { Queue } from "../../lib/live-types";
import { waitReasonText } from "../../lib/server-text";
import { useSession } from "../../lib/session";

/** Every waiting contact across queues, longest first, with the router's reason for the wait. */
export function WaitingList({
  queues,
  at,
  limit = 40,
}: {
  queues: Queue[];
  at: string | undefined;
  limit?: number;
}) {
  const { t, fmt } = useSession();
  const rows = useMemo(
    () =>
      queues
        .flatMap((q) => q.waitingContacts.map((w) => ({ ...w, queueId: q.id })))
        .sort((a, b) => b.waitedSeconds - a.waitedSeconds),
    [queues],
  );
  return (
    <section className="card waiting-list">
      <h2>
        {t("liveContacts")} · {t("waiting")} {fmt.int(rows.length)}
      </h2>
      <table>
        <thead>
          <tr>
            <th>{t("queue")}</th>
            <th>{t("channel")}</th>
            <th>{t("position")}</th>
            <th>{t("duration")}</th>
            <th>{t("ewt")}</th>
            <th>{t("why")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, limit).map((w) => (
            <tr key={w.contactId} data-testid={`waiting-${w.contactId}`}>
              <td>{w.queueId}</td>
              <td>
                {codeText(t, "channel", w.channel)}
                {w.customerTier !== null ? ` · ${w.customerTier}` : ""}
              </td>
              <td className="num">{w.position}</td>
              <td className="num" data-since={sinceOf(at, w.waitedSeconds)}>
                {fmt.duration(w.waitedSeconds)}
              </td>
              <td className="num">{fmt.duration(w.estimatedWaitSeconds)}</td>
              <td className="why">{w.waitReason === null ? w.why : waitReasonText(t, fmt, w.waitReason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > limit && <p className="muted">+{fmt.int(rows.length - limit)}</p>}
    </section>
  );
}
