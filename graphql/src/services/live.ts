import type { LiveFeed } from "../live/live-feed";
import type { MonitorSessionState } from "../live/monitor-book";
import type { LiveViews } from "../live/views";
import { pageOf } from "./pagination";

export function apiMonitor(s: MonitorSessionState, notifyAgent: boolean) {
  return { ...s, mode: s.mode.toUpperCase(), agentId: s.agentId ?? null, notifyAgent };
}

/** The live picture for queries: the same computed view the subscriptions send. */
export class LiveService {
  constructor(
    private readonly feed: LiveFeed,
    private readonly views: LiveViews,
  ) {}

  queues() {
    return this.views.current().queues;
  }

  queue(id: string) {
    return this.queues().find((q) => q.id === id) ?? null;
  }

  agents(args: {
    first?: number | null;
    after?: string | null;
    status?: string | null;
    team?: string | null;
    queueId?: string | null;
  }) {
    const { status, team, queueId } = args;
    const list = this.views
      .current()
      .agents.filter(
        (a) =>
          (!status || a.status === status) &&
          (!team || a.team === team) &&
          (!queueId || a.queueIds.includes(queueId)),
      );
    return pageOf(list, args.first, args.after);
  }

  agent(id: string) {
    return this.views.current().agents.find((a) => a.id === id) ?? null;
  }

  liveContacts(args: {
    first?: number | null;
    after?: string | null;
    queueId?: string | null;
    channel?: string | null;
  }) {
    const list = this.views
      .current()
      .contacts.filter(
        (c) => (!args.queueId || c.queueId === args.queueId) && (!args.channel || c.channel === args.channel),
      );
    return pageOf(list, args.first, args.after);
  }

  alerts() {
    return this.views.current().alerts;
  }

  monitors() {
    return this.feed.monitors
      .list()
      .map((s) => apiMonitor(s, this.feed.notifyAgent.get(s.monitorId) ?? false));
  }

  monitorsOnCall(callId: string) {
    return this.feed.monitors
      .onCall(callId)
      .map((s) => apiMonitor(s, this.feed.notifyAgent.get(s.monitorId) ?? false));
  }
}
