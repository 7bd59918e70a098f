// The interval counts every queue report stores. Service-level variants, ASA, AHT and abandon rate
// are all ratios of these, so a report can switch a queue's variant and recalculate its history from
// stored counts without reloading a single event. SQL sums the same fields with the same rules.

import { nonNegative } from "./guards";

/** DESIGN.md defaults: threshold 20 s for an 80 % target; abandons within 5 s are short. */
export const DEFAULT_THRESHOLD_SECONDS = 20;
export const DEFAULT_SHORT_ABANDON_SECONDS = 5;
export const DEFAULT_TARGET_SERVICE_LEVEL = 0.8;

/**
 * The two seconds a count depends on. Both are inclusive: a wait of exactly T is within T, as in
 * Asterisk app_queue (`holdtime <= servicelevel`), so the live view and SQL (`<=`) agree at the edge.
 */
export interface CountingRules {
  thresholdSeconds: number;
  shortAbandonSeconds: number;
}

/**
 * Counts for one queue and one interval. They carry the rules they were counted under, so counts of
 * a 20 s queue are never added to counts of a 30 s one by mistake.
 */
export interface QueueCounts extends CountingRules {
  /** Contacts that entered the queue (DESIGN: offered = entered a queue in the interval). */
  offered: number;
  /** Connected to an agent. */
  handled: number;
  /** Connected with a queue wait <= T. */
  handledWithinThreshold: number;
  /** Left the queue (customer hung up or closed the chat) before a connect. */
  abandoned: number;
  /** Abandoned with a wait <= shortAbandonSeconds: wrong numbers, misdials; excluded from SL and abandon rate. */
  shortAbandoned: number;
  /** Abandoned with a wait <= T (Asterisk SL2, Amazon Connect). */
  abandonedWithinThreshold: number;
  /** Left unanswered for another queue or destination by a rule (overflow, voicemail): Genesys flow-outs. */
  flowedOut: number;
  /** Chose a callback while waiting. */
  callbackRequested: number;
  /**
   * Taken out of the queue within T by an answer, an abandon or a callback request: Amazon Connect's
   * "contacts removed from queue in X seconds". A flow-out is not a removal in Connect's list.
   */
  removedWithinThreshold: number;
  /** Sum of the queue waits of handled contacts: the ASA numerator. */
  answeredWaitSecondsSum: number;
  /** talk + hold + wrap-up of handled contacts: the AHT numerator. */
  handleSecondsSum: number;
  talkSecondsSum: number;
  holdSecondsSum: number;
  wrapupSecondsSum: number;
}

/**
 * One contact's stay in one queue, as far as it has got. Times are epoch milliseconds. At most one
 * of connectedAt / abandonedAt / flowedOutAt is set; none set means it is still waiting, which
 * counts as offered only.
 */
export interface QueuedContact {
  queuedAt: number;
  connectedAt?: number;
  abandonedAt?: number;
  flowedOutAt?: number;
  /** The customer chose a callback; the contact may still be connected later (it kept its place). */
  callbackRequestedAt?: number;
  /**
   * Seconds waited in this queue until it left (connect, abandon or flow-out), as the source
   * measured it: the `waitSeconds` of contact.connected / abandoned / overflowed. Used instead of a
   * timestamp difference so that the live view and SQL read the very same number.
   */
  waitSeconds: number;
  /** Handling of a handled contact; ignored for the others. */
  talkSeconds?: number;
  holdSeconds?: number;
  wrapupSeconds?: number;
}

export function emptyCounts(rules: { thresholdSeconds: number; shortAbandonSeconds?: number }): QueueCounts {
  const thresholdSeconds = nonNegative("thresholdSeconds", rules.thresholdSeconds);
  const shortAbandonSeconds = nonNegative(
    "shortAbandonSeconds",
    rules.shortAbandonSeconds ?? DEFAULT_SHORT_ABANDON_SECONDS,
  );
  return {
    thresholdSeconds,
    shortAbandonSeconds,
    offered: 0,
    handled: 0,
    handledWithinThreshold: 0,
    abandoned: 0,
    shortAbandoned: 0,
    abandonedWithinThreshold: 0,
    flowedOut: 0,
    callbackRequested: 0,
    removedWithinThreshold: 0,
    answeredWaitSecondsSum: 0,
    handleSecondsSum: 0,
    talkSecondsSum: 0,
    holdSecondsSum: 0,
    wrapupSecondsSum: 0,
  };
}

/** Counts plus one contact, as a new object (the live view keeps its previous snapshot intact). */
export function countContact(counts: QueueCounts, contact: QueuedContact): QueueCounts {
  const next = { ...counts };
  tally(next, contact);
  return next;
}

/** Counts of a set of contacts under one pair of rules. */
export function foldCounts(
  contacts: Iterable<QueuedContact>,
  rules: { thresholdSeconds: number; shortAbandonSeconds?: number },
): QueueCounts {
  const counts = emptyCounts(rules);
  for (const contact of contacts) tally(counts, contact);
  return counts;
}

const summed = [
  "offered",
  "handled",
  "handledWithinThreshold",
  "abandoned",
  "shortAbandoned",
  "abandonedWithinThreshold",
  "flowedOut",
  "callbackRequested",
  "removedWithinThreshold",
  "answeredWaitSecondsSum",
  "handleSecondsSum",
  "talkSecondsSum",
  "holdSecondsSum",
  "wrapupSecondsSum",
] as const satisfies readonly (keyof QueueCounts)[];

/** Two intervals (or queues) as one. Counts under different rules cannot be added: it throws. */
export function addCounts(a: QueueCounts, b: QueueCounts): QueueCounts {
  if (a.thresholdSeconds !== b.thresholdSeconds || a.shortAbandonSeconds !== b.shortAbandonSeconds) {
    throw new RangeError(
      `cannot add counts made under different rules: threshold ${a.thresholdSeconds} s / short abandon ` +
        `${a.shortAbandonSeconds} s and threshold ${b.thresholdSeconds} s / short abandon ${b.shortAbandonSeconds} s`,
    );
  }
  const sum = { ...a };
  for (const key of summed) sum[key] = a[key] + b[key];
  return sum;
}

function tally(counts: QueueCounts, contact: QueuedContact): void {
  const wait = nonNegative("waitSeconds", contact.waitSeconds);
  const exit = exitOf(contact);
  const { thresholdSeconds: threshold } = counts;
  counts.offered += 1;

  // Connect's removal time: a callback request takes the customer off the line even when an agent
  // connects the callback much later.
  let removedAfter: number | undefined;
  if (contact.callbackRequestedAt !== undefined) {
    counts.callbackRequested += 1;
    removedAfter = secondsSinceQueued(contact, "callbackRequestedAt", contact.callbackRequestedAt);
  }

  if (exit === "connectedAt") {
    const talk = nonNegative("talkSeconds", contact.talkSeconds ?? 0);
    const hold = nonNegative("holdSeconds", contact.holdSeconds ?? 0);
    const wrapup = nonNegative("wrapupSeconds", contact.wrapupSeconds ?? 0);
    counts.handled += 1;
    if (wait <= threshold) counts.handledWithinThreshold += 1;
    counts.answeredWaitSecondsSum += wait;
    counts.talkSecondsSum += talk;
    counts.holdSecondsSum += hold;
    counts.wrapupSecondsSum += wrapup;
    counts.handleSecondsSum += talk + hold + wrapup;
    removedAfter ??= wait;
  } else if (exit === "abandonedAt") {
    counts.abandoned += 1;
    if (wait <= counts.shortAbandonSeconds) counts.shortAbandoned += 1;
    if (wait <= threshold) counts.abandonedWithinThreshold += 1;
    removedAfter ??= wait;
  } else if (exit === "flowedOutAt") {
    counts.flowedOut += 1;
  }

  if (removedAfter !== undefined && removedAfter <= threshold) counts.removedWithinThreshold += 1;
}

type Exit = "connectedAt" | "abandonedAt" | "flowedOutAt";

function exitOf(contact: QueuedContact): Exit | undefined {
  const exits = (["connectedAt", "abandonedAt", "flowedOutAt"] as const).filter(
    (key) => contact[key] !== undefined,
  );
  if (exits.length > 1) {
    throw new RangeError(`a contact leaves a queue once, but it has ${exits.join(" and ")}`);
  }
  const exit = exits[0];
  if (exit !== undefined) secondsSinceQueued(contact, exit, contact[exit] ?? Number.NaN);
  return exit;
}

function secondsSinceQueued(contact: QueuedContact, name: string, at: number): number {
  const seconds = (at - contact.queuedAt) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`${name} (${at}) is before queuedAt (${contact.queuedAt}) or not a time`);
  }
  return seconds;
}
