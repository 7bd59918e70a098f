import type { RoutingConfig } from "@starboard/core";
import { servesQueue, staffedIntervals, staffedSlices, type Warehouse } from "@starboard/sql";
import { intervalBucket, type Range } from "./time-range";
import { warehouseCall } from "./warehouse-call";

// Agents staffed per report interval, from the agent state history: the average number of agents
// on queue (ready, which includes handling) over the interval = ready agent-seconds / the interval's
// elapsed seconds (sql/src/reports/staffed.ts). Per queue, an agent counts when its skills meet the
// queue's default requirements (the rule core's live queue counts use), so an agent with two queues'
// skills counts in both, as Erlang C per queue assumes.

export interface StaffedReportQuery extends Range {
  /** null: every configured queue. */
  queueId: string | null;
  interval: string;
  timeZone: string;
}

export interface ApiStaffedInterval {
  queueId: string;
  start: string;
  agents: number;
  agentSeconds: number;
  seconds: number;
}

export class StaffedService {
  constructor(
    private readonly warehouse: Warehouse,
    private readonly tenant: string,
    private readonly queues: RoutingConfig["queues"],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One row per queue and interval up to now; a queue the routing config does not know has none. */
  async byInterval(q: StaffedReportQuery): Promise<ApiStaffedInterval[]> {
    const queues = this.queues.filter((x) => q.queueId === null || x.id === q.queueId);
    if (queues.length === 0) return [];
    const query = { from: q.from, to: q.to, tenant: this.tenant, now: this.now() };
    const slices = await warehouseCall("staffed", () => staffedSlices(this.warehouse, query));
    const out: ApiStaffedInterval[] = [];
    for (const queue of queues) {
      const buckets = new Map<string, { agentSeconds: number; seconds: number }>();
      for (const i of staffedIntervals(slices, query, servesQueue(queue.defaultSkills ?? []))) {
        const start = intervalBucket(new Date(i.intervalStart), q.interval, q.timeZone);
        const b = buckets.get(start) ?? { agentSeconds: 0, seconds: 0 };
        b.agentSeconds += i.agentSeconds;
        b.seconds += i.seconds;
        buckets.set(start, b);
      }
      for (const [start, b] of buckets)
        out.push({
          queueId: queue.id,
          start,
          agents: b.seconds === 0 ? 0 : b.agentSeconds / b.seconds,
          agentSeconds: b.agentSeconds,
          seconds: b.seconds,
        });
    }
    return out;
  }
}
