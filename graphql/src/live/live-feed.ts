import {
  type AlertThresholds,
  decodeEventRecord,
  type EventLog,
  LiveState,
  type RouterCommandResultData,
  type RoutingConfig,
  type StarboardEvent,
  type Subscription,
  Topics,
} from "@starboard/core";
import { MonitorBook } from "./monitor-book";

export interface LiveFeedOptions {
  log: EventLog;
  routing: RoutingConfig;
  tenant?: string;
  thresholds?: Partial<AlertThresholds>;
  /** Each API process reads the whole log itself: a group of its own, never shared. */
  groupId?: string;
  /** How often events that arrived are applied, in time order (default 20 ms). */
  flushMs?: number;
}

type Waiter = (result: RouterCommandResultData) => void;

/**
 * The API's copy of the live picture: it replays the events and commands topics from the start into
 * core's LiveState (deterministic, so it equals the router's), tracks monitoring sessions, alert
 * acknowledgements and callers' addresses, and hands command results to mutations waiting on them.
 * Undecodable records are the sink's to dead-letter; here they are counted and skipped.
 */
export class LiveFeed {
  readonly live: LiveState;
  readonly monitors = new MonitorBook();
  /** alertId -> who acknowledged it. */
  readonly acknowledged = new Map<string, string>();
  /** Live contacts' caller number or chat identity. */
  readonly addresses = new Map<string, string>();
  readonly counters = { events: 0, undecodable: 0 };
  /** Bumped on every applied event; the hub publishes when it moved. */
  version = 0;
  /** Time of the newest event applied (epoch ms), or undefined before any. */
  newestEventMs: number | undefined;
  private readonly waiters = new Map<string, Waiter>();
  private subscription: Subscription | undefined;
  private caughtUp: Promise<void> = Promise.resolve();
  /**
   * Partitions arrive in separate batches, so a replay can deliver one partition's hour before
   * another's minute; the engine ignores events older than its clock (minus a tolerance). Events
   * wait here and are applied in time order: all of the backlog at once when caught up, then
   * whatever arrived every `flushMs`.
   */
  private pending: StarboardEvent[] = [];
  private replaying = true;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LiveFeedOptions) {
    this.live = new LiveState(options.routing, options.thresholds ?? {}, options.tenant ?? "default");
  }

  async start(): Promise<void> {
    const { log } = this.options;
    const ends = new Map<string, Map<number, number>>();
    for (const topic of [Topics.events, Topics.commands]) ends.set(topic, await log.endOffsets(topic));
    const remaining = new Set<string>();
    for (const [topic, parts] of ends)
      for (const [p, end] of parts) if (end > 0) remaining.add(`${topic}/${p}`);
    let markCaughtUp: () => void = () => {};
    this.caughtUp = new Promise((r) => {
      markCaughtUp = () => {
        this.replaying = false;
        this.flush();
        r();
      };
    });
    if (remaining.size === 0) markCaughtUp();
    let lastEvaluation = 0;
    this.flushTimer = setInterval(() => {
      if (this.replaying) return;
      this.flush();
      // Time-based alerts (a contact waiting too long, an agent away too long) must fire while
      // nothing happens, not only when the next event arrives.
      if (Date.now() - lastEvaluation >= 1_000) {
        lastEvaluation = Date.now();
        if (this.live.evaluate(this.nowMs()).length > 0) this.version += 1;
      }
    }, this.options.flushMs ?? 20);
    this.flushTimer.unref();
    this.subscription = await log.subscribe({
      groupId: this.options.groupId ?? `graphql-live-${process.pid}-${Date.now().toString(36)}`,
      topics: [Topics.events, Topics.commands],
      startAt: "earliest",
      maxBatchSize: 5_000,
      handler: async (batch) => {
        for (const record of batch.records) {
          const decoded = decodeEventRecord(record);
          if (decoded.ok) this.pending.push(decoded.event);
          else this.counters.undecodable += 1;
        }
        const last = batch.records.at(-1);
        const end = ends.get(batch.topic)?.get(batch.partition) ?? 0;
        if (
          last !== undefined &&
          last.offset + 1 >= end &&
          remaining.delete(`${batch.topic}/${batch.partition}`)
        )
          if (remaining.size === 0) markCaughtUp();
      },
    });
  }

  /** Resolves once the records present at start have been applied. */
  ready(): Promise<void> {
    return this.caughtUp;
  }

  /** Applies what is waiting, oldest first (a stable sort keeps each partition's own order). */
  flush(): void {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    const withTime = events.map((event, i) => ({ event, ms: Date.parse(event.time), i }));
    withTime.sort((a, b) => a.ms - b.ms || a.i - b.i);
    for (const { event } of withTime) this.apply(event);
  }

  apply(event: StarboardEvent): void {
    this.counters.events += 1;
    this.version += 1;
    const ms = Date.parse(event.time);
    if (this.newestEventMs === undefined || ms > this.newestEventMs) this.newestEventMs = ms;
    this.monitors.apply(event);
    switch (event.type) {
      case "contact.created":
        this.addresses.set(event.contactId, event.data.from);
        break;
      case "contact.ended":
        this.addresses.delete(event.contactId);
        break;
      case "alert.cleared":
        if (event.data.reason === "acknowledged")
          this.acknowledged.set(event.data.alertId, event.data.clearedBy ?? "");
        break;
      case "router.command-result": {
        const waiter = this.waiters.get(event.data.commandId);
        this.waiters.delete(event.data.commandId);
        waiter?.(event.data);
        break;
      }
      default:
        break;
    }
    if (!event.type.startsWith("command.")) this.live.handle(event);
  }

  /** The switch's answer to a command, or undefined after `timeoutMs`. */
  awaitResult(commandId: string, timeoutMs: number): Promise<RouterCommandResultData | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(commandId, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  /** The wall clock, or the log's clock when events run ahead of it (a sped-up simulation). */
  nowMs(): number {
    return Math.max(Date.now(), this.live.engine.state.clockMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
