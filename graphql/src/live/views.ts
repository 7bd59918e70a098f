import type { LiveFeed } from "./live-feed";
import {
  type ApiAgent,
  type ApiAlert,
  type ApiLiveContact,
  type ApiQueue,
  apiAgent,
  apiAlert,
  apiLiveContact,
  apiQueue,
} from "./model";

/** One moment of the live picture in API shapes, computed once and shared by queries and subscriptions. */
export interface LiveView {
  at: string;
  asOf: string | null;
  version: number;
  queues: ApiQueue[];
  agents: ApiAgent[];
  contacts: ApiLiveContact[];
  alerts: ApiAlert[];
}

export function liveView(feed: LiveFeed): LiveView {
  const nowMs = feed.nowMs();
  const snapshot = feed.live.snapshot(nowMs);
  const monitored = feed.monitors.monitoredAgents();
  const reasonOf = (contactId: string) => feed.live.engine.waitReason(contactId, nowMs);
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    at: snapshot.at,
    asOf: feed.newestEventMs === undefined ? null : new Date(feed.newestEventMs).toISOString(),
    version: feed.version,
    queues: snapshot.queues.map((q) => apiQueue(q, reasonOf)).sort(byId),
    agents: snapshot.agents.map((a) => apiAgent(a, nowMs, monitored.has(a.agentId))).sort(byId),
    contacts: snapshot.liveContacts
      .map((c) => apiLiveContact(c, nowMs, feed.addresses.get(c.contactId)))
      .sort(byId),
    alerts: snapshot.alerts.map((a) =>
      apiAlert(a, feed.acknowledged.get(a.alertId), feed.alertFacts.get(a.alertId)),
    ),
  };
}

/** Caches the view for `maxAgeMs` so a burst of queries (or a stream of events) computes it once. */
export class LiveViews {
  private cached: { view: LiveView; atMs: number } | undefined;

  constructor(
    private readonly feed: LiveFeed,
    private readonly maxAgeMs = 100,
  ) {}

  current(): LiveView {
    const now = Date.now();
    const c = this.cached;
    if (c !== undefined && now - c.atMs < this.maxAgeMs) return c.view;
    const view = liveView(this.feed);
    this.cached = { view, atMs: now };
    return view;
  }
}
