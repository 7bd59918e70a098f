// The router's whole state. Mutable for speed (a decision must take microseconds at 200,000 waiting
// contacts), but changed only by RoutingEngine.handle, one event at a time: the state after an event
// is a function of the events before it, which is what makes replay exact.

import type { HandoffReason } from "../events/index";
import { RecentIds } from "../ids/recent-ids";
import { RollingMean } from "../metrics/index";
import type { RoutedAgent } from "./agent";
import { AgentIndex } from "./agent-index";
import { Anomalies } from "./anomalies";
import {
  DEFAULT_HANDOFF,
  DEFAULT_TIERS,
  type HandoffRule,
  type ResolvedQueue,
  type RoutingConfig,
  resolveQueue,
} from "./config";
import type { RoutedContact } from "./contact";
import { ContactIndex } from "./contact-index";
import type { Emitter } from "./emit";
import { Timers } from "./timers";

/** What is known about a contact before it queues: its customer, and a bot hand-off reason. */
export interface ContactNote {
  customerId: string | undefined;
  /** The tier the source recognized at creation (customer directory), when contact.queued has none. */
  customerTier: string | undefined;
  handoff: HandoffReason | undefined;
}

const HANDLE_TIME_WINDOW = 50;

export class RouterState {
  readonly queues = new Map<string, ResolvedQueue>();
  readonly tiers: Readonly<Record<string, number>>;
  readonly handoff: HandoffRule;
  readonly ringTimeoutSeconds: number;
  readonly reorderToleranceMs: number;
  readonly lateQueueToleranceMs: number;
  clockMs = Number.NEGATIVE_INFINITY;
  seq = 0;
  readonly contacts = new Map<string, RoutedContact>();
  readonly notes = new Map<string, ContactNote>();
  readonly agents = new Map<string, RoutedAgent>();
  readonly waiting = new ContactIndex();
  readonly idle = new AgentIndex();
  readonly timers = new Timers();
  /**
   * Recent event ids: a duplicate within the window is caught. Bounded, because the log is unbounded;
   * redeliveries arrive close to the original, so a window of recent ids is enough.
   */
  readonly seen: RecentIds;
  /** Contacts that ended or were abandoned recently: a contact.queued for one of them comes too late. */
  readonly ended: RecentIds;
  readonly anomalies = new Anomalies();
  /** Recent handle times per queue, for the EWT quoted with a callback offer. */
  readonly handleTimes = new Map<string, RollingMean>();

  constructor(config: RoutingConfig) {
    for (const q of config.queues) this.queues.set(q.id, resolveQueue(q));
    this.tiers = config.tiers ?? DEFAULT_TIERS;
    this.handoff = config.handoff ?? DEFAULT_HANDOFF;
    this.ringTimeoutSeconds = config.ringTimeoutSeconds ?? 20;
    this.reorderToleranceMs = config.reorderToleranceMs ?? 5_000;
    this.lateQueueToleranceMs = config.lateQueueToleranceMs ?? 12 * this.reorderToleranceMs;
    this.seen = new RecentIds(Math.max(1, config.duplicateWindow ?? 100_000));
    this.ended = new RecentIds(Math.max(1, config.endedWindow ?? 100_000));
  }

  handleTimeFor(queueId: string): RollingMean {
    let mean = this.handleTimes.get(queueId);
    if (mean === undefined) {
      mean = new RollingMean(HANDLE_TIME_WINDOW);
      this.handleTimes.set(queueId, mean);
    }
    return mean;
  }
}

/** One event being applied: the state, where outputs go, and the time it happens at. */
export interface Step {
  s: RouterState;
  out: Emitter;
  nowMs: number;
  eventId: string;
  eventType: string;
}
