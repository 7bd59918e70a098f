import {
  type AlertEvent,
  type AlertRaisedData,
  type AlertThresholds,
  type EventLog,
  LiveState,
  type RouterCommandResultData,
  type RoutingConfig,
  type StarboardEvent,
  tickEvent,
  tickTime,
} from "@starboard/core";
import { type FeedReader, startFeedReader } from "./feed-reader";
import { MonitorBook } from "./monitor-book";
import { QaRuleBook } from "./qa-rule-book";

export interface LiveFeedOptions {
  log: EventLog;
  routing: RoutingConfig;
  tenant?: string;
  thresholds?: Partial<AlertThresholds>;
  /** Each API process reads the whole log itself: a group of its own, never shared. */
  groupId?: string;
  /** Live events arriving together are held this long and applied in time order (default 20 ms). */
  holdMs?: number;
  /** The config's QA rules (core/src/qa shapes), before the API's saves and removals. */
  qaRules?: readonly unknown[];
}

type Waiter = (result: RouterCommandResultData) => void;

/** What an alert.raised said, and for a QA flag its category and words (from qa.flagged). */
export type AlertFacts = AlertRaisedData & { category?: string; matchedText?: string };

/**
 * The API's copy of the live picture: it replays the events and commands topics from the start into
 * core's LiveState (deterministic, so it equals the router's) in event-time order (feed-reader.ts),
 * ticks its clock like the router service does, tracks monitoring sessions, alert
 * acknowledgements and callers' addresses, and hands command results to mutations waiting on them.
 * Undecodable records are the sink's to dead-letter; here they are counted and skipped.
 */
export class LiveFeed {
  readonly live: LiveState;
  readonly monitors = new MonitorBook();
  readonly qaRules: QaRuleBook;
  /** alertId -> who acknowledged it. */
  readonly acknowledged = new Map<string, string>();
  /** Active alerts' facts (subject ids, measure) by alertId, for clients that word messages themselves. */
  readonly alertFacts = new Map<string, AlertFacts>();
  /** A high or critical QA flag's category and words, from qa.flagged until its alert is raised. */
  private readonly flagWords = new Map<string, { category: string; matchedText: string }>();
  /**
   * Whether a monitoring session asked for the agent to be told, by monitorId. Known to the
   * instance that started the session only: the command carries no such field.
   */
  readonly notifyAgent = new Map<string, boolean>();
  /** Live contacts' caller number or chat identity. */
  readonly addresses = new Map<string, string>();
  readonly counters = { events: 0, undecodable: 0 };
  /** Bumped on every applied event; the hub publishes when it moved. */
  version = 0;
  /** Time of the newest event applied (epoch ms), or undefined before any. */
  newestEventMs: number | undefined;
  private readonly waiters = new Map<string, Waiter>();
  private reader: FeedReader | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The newest event's time and the wall time it was applied at: the engine's clock between events. */
  private last: { ms: number; wall: number; tenant: string } | undefined;

  constructor(private readonly options: LiveFeedOptions) {
    this.live = new LiveState(options.routing, options.thresholds ?? {}, options.tenant ?? "default");
    this.qaRules = new QaRuleBook(options.qaRules ?? []);
  }

  async start(): Promise<void> {
    this.reader = await startFeedReader({
      log: this.options.log,
      groupId: this.options.groupId ?? `graphql-live-${process.pid}-${Date.now().toString(36)}`,
      apply: (events) => {
        for (const event of events) this.apply(event);
      },
      holdMs: this.options.holdMs ?? 20,
      onUndecodable: () => {
        this.counters.undecodable += 1;
      },
    });
    this.timer = setInterval(() => this.tick(), 1_000);
    this.timer.unref();
  }

  /**
   * Once a second: move the engine's clock with the wall clock (its relax/overflow/callback timers
   * fire, as in the router service, with the same never-published tick event) and re-check the
   * time-based alerts (a contact waiting too long) while nothing else happens.
   */
  private tick(): void {
    const last = this.last;
    if (last === undefined) return;
    const at = tickTime(last.ms, last.wall, Date.now());
    if (at > this.live.engine.state.clockMs && this.live.engine.state.timers.size > 0) {
      this.noteAlerts(this.live.handle(tickEvent(at, last.tenant)).alerts);
      this.version += 1;
    }
    const evaluated = this.live.evaluate(this.nowMs());
    this.noteAlerts(evaluated);
    if (evaluated.length > 0) this.version += 1;
  }

  /** Resolves once the records present at start have been applied. */
  ready(): Promise<void> {
    return this.reader?.caughtUp ?? Promise.resolve();
  }

  apply(event: StarboardEvent): void {
    this.counters.events += 1;
    this.version += 1;
    const ms = Date.parse(event.time);
    if (this.newestEventMs === undefined || ms > this.newestEventMs) this.newestEventMs = ms;
    if (!event.type.startsWith("command."))
      this.last = { ms: Math.max(ms, this.last?.ms ?? ms), wall: Date.now(), tenant: event.tenant };
    this.monitors.apply(event);
    this.qaRules.apply(event);
    switch (event.type) {
      case "contact.created":
        this.addresses.set(event.contactId, event.data.from);
        break;
      case "contact.ended":
        this.addresses.delete(event.contactId);
        break;
      case "qa.flagged":
        // The alert live state raises for it (high and critical) carries only the flag's id.
        if (event.data.severity === "high" || event.data.severity === "critical")
          this.flagWords.set(event.data.flagId, {
            category: event.data.category,
            matchedText: event.data.matchedText.slice(0, 80),
          });
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
    if (!event.type.startsWith("command.")) this.noteAlerts(this.live.handle(event).alerts);
  }

  private noteAlerts(events: readonly AlertEvent[]): void {
    for (const e of events) {
      if (e.type !== "alert.raised") {
        this.alertFacts.delete(e.data.alertId);
        continue;
      }
      const words = e.data.flagId === undefined ? undefined : this.flagWords.get(e.data.flagId);
      if (e.data.flagId !== undefined) this.flagWords.delete(e.data.flagId);
      this.alertFacts.set(e.data.alertId, words === undefined ? e.data : { ...e.data, ...words });
    }
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
    clearInterval(this.timer);
    await this.reader?.stop();
    this.reader = undefined;
  }
}
