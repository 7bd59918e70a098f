import { agentChangeKey, contactChangeKey } from "./model";
import type { LiveView } from "./views";

// What each subscription topic sends per tick: `snapshot` for a subscriber joining (or resyncing),
// `update` for those already in step, or nothing when nothing a client shows has changed.

export const topicNames = ["queueStats", "agentStates", "liveContacts", "alerts"] as const;
export type TopicName = (typeof topicNames)[number];

export interface TopicPayloads {
  snapshot: unknown;
  update: unknown | undefined;
}

export interface Topic {
  next(view: LiveView): TopicPayloads;
}

/** Whole payloads, sent when their content changed (or every `keepAliveMs` so ticking waits move). */
function wholeTopic(
  build: (view: LiveView) => unknown,
  changeKey: (view: LiveView) => string,
  keepAliveMs: number,
): Topic {
  let lastKey = "";
  let lastSentMs = 0;
  return {
    next(view) {
      const payload = build(view);
      const key = changeKey(view);
      const now = Date.parse(view.at);
      const changed = key !== lastKey || now - lastSentMs >= keepAliveMs;
      if (changed) {
        lastKey = key;
        lastSentMs = now;
      }
      return { snapshot: payload, update: changed ? payload : undefined };
    },
  };
}

/** Deltas by id: changed or new items in full, removed ids; clients keep counting clocks themselves. */
function deltaTopic<T extends { id: string }>(
  items: (view: LiveView) => T[],
  changeKey: (item: T) => string,
  field: "agents" | "contacts",
): Topic {
  let previous = new Map<string, string>();
  return {
    next(view) {
      const all = items(view);
      const current = new Map<string, string>();
      const changed: T[] = [];
      for (const item of all) {
        const key = changeKey(item);
        current.set(item.id, key);
        if (previous.get(item.id) !== key) changed.push(item);
      }
      const removed = [...previous.keys()].filter((id) => !current.has(id));
      previous = current;
      const snapshot = { snapshot: true, [field]: all, removed: [], at: view.at, asOf: view.asOf };
      const update =
        changed.length === 0 && removed.length === 0
          ? undefined
          : { snapshot: false, [field]: changed, removed, at: view.at, asOf: view.asOf };
      return { snapshot, update };
    },
  };
}

export function createTopics(keepAliveMs = 1_000): Record<TopicName, Topic> {
  return {
    queueStats: wholeTopic(
      (v) => ({ queues: v.queues, at: v.at, asOf: v.asOf }),
      (v) =>
        JSON.stringify(v.queues.map((q) => [q.id, q.waiting, q.agents, q.counts, q.waitingContacts.length])),
      keepAliveMs,
    ),
    agentStates: deltaTopic((v) => v.agents, agentChangeKey, "agents"),
    liveContacts: deltaTopic((v) => v.contacts, contactChangeKey, "contacts"),
    alerts: wholeTopic(
      (v) => ({ alerts: v.alerts, at: v.at, asOf: v.asOf }),
      (v) => JSON.stringify(v.alerts.map((a) => [a.id, a.severity, a.acknowledged])),
      keepAliveMs * 5,
    ),
  };
}
