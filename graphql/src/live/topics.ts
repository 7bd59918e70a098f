import { agentChangeKey, contactChangeKey } from "./model";
import type { LiveView } from "./views";

// What each subscription topic sends per tick: `snapshot` for a subscriber joining (or resyncing),
// `update` for those already in step, or nothing when nothing a client shows has changed.

export const topicNames = ["queueStats", "agentStates", "liveContacts", "alerts", "contactWait"] as const;
export type TopicName = (typeof topicNames)[number];

export interface TopicPayloads {
  snapshot: unknown;
  update: unknown | undefined;
}

export interface Topic {
  next(view: LiveView): TopicPayloads;
}

/** Where one waiting contact stands: what IVR announcements and chat widgets tell the customer. */
export interface ContactWait {
  contactId: string;
  waiting: boolean;
  queueId: string | null;
  position: number | null;
  /** Rounded to 5 s: an announcement says "about two minutes", and finer steps would only chatter. */
  estimatedWaitSeconds: number | null;
  at: string;
  asOf: string | null;
}

/** Every waiting contact's place, by contact id; the subscription picks its own contact (or "not waiting"). */
export interface ContactWaits {
  byContact: Map<string, Omit<ContactWait, "at" | "asOf">>;
  at: string;
  asOf: string | null;
}

/**
 * One payload for every `contactWait` subscriber; each group (one per contact id) then sends only
 * when its own contact's answer changed (fan-out.ts compares results without their clocks).
 */
function contactWaitTopic(): Topic {
  let lastKey = "";
  return {
    next(view) {
      const byContact: ContactWaits["byContact"] = new Map();
      for (const queue of view.queues)
        for (const c of queue.waitingContacts)
          byContact.set(c.contactId, {
            contactId: c.contactId,
            waiting: true,
            queueId: queue.id,
            position: c.position,
            estimatedWaitSeconds:
              c.estimatedWaitSeconds === null ? null : Math.round(c.estimatedWaitSeconds / 5) * 5,
          });
      const payload: ContactWaits = { byContact, at: view.at, asOf: view.asOf };
      const key = JSON.stringify(
        [...byContact.values()].map((w) => [w.contactId, w.position, w.estimatedWaitSeconds]),
      );
      const changed = key !== lastKey;
      lastKey = key;
      return { snapshot: payload, update: changed ? payload : undefined };
    },
  };
}

/** A subscriber's answer from the shared payload: its contact's place, or that it no longer waits. */
export function contactWaitFor(payload: ContactWaits, contactId: string): ContactWait {
  const found = payload.byContact.get(contactId);
  const base = found ?? {
    contactId,
    waiting: false,
    queueId: null,
    position: null,
    estimatedWaitSeconds: null,
  };
  return { ...base, at: payload.at, asOf: payload.asOf };
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

/** Topics whose groups send an update only when their own result changed (results differ by group). */
export const sendsOnlyChanges: ReadonlySet<TopicName> = new Set(["contactWait"]);

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
    contactWait: contactWaitTopic(),
  };
}
