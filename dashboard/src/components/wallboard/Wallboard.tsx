"use client";

import Link from "next/link";
import { useRef } from "react";
import { useDomClock } from "../../lib/dom-clock";
import { useLiveAgents, useLiveAlerts, useLiveQueues } from "../../lib/live-store";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import { ConnectionBadge } from "../ConnectionBadge";
import { AgentGrid } from "./AgentGrid";
import { AlertsFeed } from "./AlertsFeed";
import { QueueTiles } from "./QueueTiles";
import { WaitingList } from "./WaitingList";

/** The wall screen: queues, agents, waiting contacts and alerts, all live, each shown if the role may. */
export function Wallboard({ tv, pageSeconds = 10 }: { tv: boolean; pageSeconds?: number }) {
  const { t, fmt, role } = useSession();
  const queues = useLiveQueues(can(role, "Subscription.queueStats"));
  const agents = useLiveAgents(can(role, "Subscription.agentStates"));
  const alerts = useLiveAlerts(can(role, "Subscription.alerts"));
  const root = useRef<HTMLDivElement>(null);
  useDomClock(root);
  const latest = [queues.at, agents.at, alerts.at]
    .filter((x): x is string => x !== undefined)
    .sort()
    .at(-1);
  const errors = [queues.error, agents.error, alerts.error].filter((e) => e !== undefined);
  return (
    <div className={tv ? "wallboard tv-board" : "wallboard"} ref={root}>
      <div className="board-status">
        {tv && <ConnectionBadge />}
        <span className="muted" data-testid="updated">
          {latest === undefined ? t("connecting") : t("updatedAt", { time: fmt.time(latest) })}
        </span>
        {tv && (
          <Link href="/" className="muted exit-tv">
            {t("exitTv")}
          </Link>
        )}
      </div>
      {errors.map((e) => (
        <p key={e} className="error">
          {e}
        </p>
      ))}
      <QueueTiles queues={queues.items} at={queues.at} />
      <div className="board-body">
        {can(role, "Subscription.agentStates") && (
          <AgentGrid agents={agents.items} tvPageSeconds={tv ? pageSeconds : undefined} />
        )}
        <div className="board-side">
          <WaitingList queues={queues.items} at={queues.at} limit={tv ? 12 : 40} />
          {can(role, "Subscription.alerts") && (
            <AlertsFeed alerts={alerts.items} queues={queues.items} agents={agents.items} />
          )}
        </div>
      </div>
    </div>
  );
}
