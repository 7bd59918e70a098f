"use client";

import { useEffect, useState } from "react";
import { type DeltaPayload, DeltaQueue, OrderedStore } from "./live-store-core";
import {
  type Agent,
  type Alert,
  agentStatesSubscription,
  alertsSubscription,
  type LiveContact,
  liveContactsSubscription,
  type Queue,
  queueStatsSubscription,
} from "./live-types";
import { useSession } from "./session";

// Live collections kept by id: a snapshot replaces everything, a delta replaces only the changed
// items and drops the removed ids. Unchanged items keep their object identity, so memoized tiles
// skip re-rendering when a thousand agents get one update. Deltas reach React at most
// `itemsPerFrame` changed items per animation frame (DeltaQueue), so a burst of changes is a few short
// renders instead of one long task.

const itemsPerFrame = 25;

export interface LiveList<T> {
  items: T[];
  /** Server time of the last message (ISO), undefined before the first. */
  at: string | undefined;
  error: string | undefined;
}

function useDeltaSubscription<T extends { id: string }, M>(
  enabled: boolean,
  query: string,
  unpack: (message: M) => DeltaPayload<T>,
): LiveList<T> {
  const { live } = useSession();
  const [list, setList] = useState<LiveList<T>>({ items: [], at: undefined, error: undefined });
  useEffect(() => {
    if (!enabled || live === undefined) return;
    const store = new OrderedStore<T>();
    const queue = new DeltaQueue<T>();
    let frame: number | undefined;
    const flush = () => {
      frame = undefined;
      const part = queue.take(itemsPerFrame);
      if (part !== undefined) setList({ items: store.apply(part), at: part.at, error: undefined });
      if (queue.pending) frame = requestAnimationFrame(flush);
    };
    const unsubscribe = live.subscribe<M>(
      query,
      (data) => {
        queue.push(unpack(data));
        frame ??= requestAnimationFrame(flush);
      },
      (error) => setList((l) => ({ ...l, error })),
    );
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
    // `unpack` is a module-level function at every call site.
  }, [enabled, live, query, unpack]);
  return list;
}

const unpackAgents = (m: { agentStates: DeltaPayload<Agent> & { agents: Agent[] } }) => ({
  ...m.agentStates,
  items: m.agentStates.agents,
});
const unpackContacts = (m: { liveContacts: DeltaPayload<LiveContact> & { contacts: LiveContact[] } }) => ({
  ...m.liveContacts,
  items: m.liveContacts.contacts,
});

export function useLiveAgents(enabled: boolean): LiveList<Agent> {
  return useDeltaSubscription(enabled, agentStatesSubscription, unpackAgents);
}

export function useLiveContacts(enabled: boolean): LiveList<LiveContact> {
  return useDeltaSubscription(enabled, liveContactsSubscription, unpackContacts);
}

/** Whole-message subscriptions (queues, alerts): each message replaces the list. */
function useWholeSubscription<T, M>(
  enabled: boolean,
  query: string,
  unpack: (m: M) => { at: string; items: T[] },
) {
  const { live } = useSession();
  const [list, setList] = useState<LiveList<T>>({ items: [], at: undefined, error: undefined });
  useEffect(() => {
    if (!enabled || live === undefined) return;
    return live.subscribe<M>(
      query,
      (data) => {
        const { at, items } = unpack(data);
        setList({ items, at, error: undefined });
      },
      (error) => setList((l) => ({ ...l, error })),
    );
  }, [enabled, live, query, unpack]);
  return list;
}

const unpackQueues = (m: { queueStats: { at: string; queues: Queue[] } }) => ({
  at: m.queueStats.at,
  items: m.queueStats.queues,
});
const unpackAlerts = (m: { alerts: { at: string; alerts: Alert[] } }) => ({
  at: m.alerts.at,
  items: m.alerts.alerts,
});

export function useLiveQueues(enabled: boolean): LiveList<Queue> {
  return useWholeSubscription(enabled, queueStatsSubscription, unpackQueues);
}

export function useLiveAlerts(enabled: boolean): LiveList<Alert> {
  return useWholeSubscription(enabled, alertsSubscription, unpackAlerts);
}
