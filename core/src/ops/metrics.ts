// Every Starboard metric, defined once, on one registry per process. Services import the metric
// they feed from here; the ops server (server.ts) serves the registry at /metrics. Names follow
// Prometheus practice: `starboard_` prefix, `_total` for counters, base units (seconds, rows).

import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** The process's registry: Starboard's metrics, the consumer-lag gauge and (once enabled) Node's. */
export const opsRegistry = new Registry();

const registers = [opsRegistry];

/**
 * Label values that come from data (an event's source, a dead-letter step) are capped, so a
 * misbehaving producer cannot grow the series without bound: past the cap every new value is
 * counted as "other".
 */
export const maxLabelValues = 64;

/** A per-value child cache: the label lookup happens once per distinct value, not per increment. */
export function labelledChildren<T>(make: (value: string) => T): (value: string) => T {
  const children = new Map<string, T>();
  return (value) => {
    let child = children.get(value);
    if (child !== undefined) return child;
    const label = children.size < maxLabelValues ? value : "other";
    child = children.get(label) ?? make(label);
    children.set(value, child);
    return child;
  };
}

export const eventsIn = new Counter({
  name: "starboard_events_in_total",
  help: "Events accepted onto the event log (durable), by the envelope's source (esl:fs1, chat-gateway, simulator, router...).",
  labelNames: ["source"] as const,
  registers,
});

export const eventsOut = new Counter({
  name: "starboard_events_out_total",
  help: "Log records a consumer group has handled and may commit past, by consumer group.",
  labelNames: ["group"] as const,
  registers,
});

export const deadLetters = new Counter({
  name: "starboard_dead_letter_total",
  help: "Records put on the dead-letter topic, by the step that refused them (esl.frame, chat.invalid, sink.convert...). The reason text travels on the record's x-dead-letter-reason header.",
  labelNames: ["step"] as const,
  registers,
});

// The consumer-lag gauge lives in lag.ts: it is computed at scrape time from the log's offsets.

export const sinkBatchRows = new Histogram({
  name: "starboard_sink_batch_rows",
  help: "Events per warehouse insert by the sink (after duplicates were dropped); the count is the number of inserts.",
  buckets: [1, 10, 50, 100, 500, 1_000, 5_000, 10_000, 20_000, 50_000],
  registers,
});

export const sinkWriteSeconds = new Histogram({
  name: "starboard_sink_write_seconds",
  help: "Time of one attempt at a sink write step (the duplicate check, or the insert), by outcome: ok, or failed (retried with the same rows, never dropped).",
  labelNames: ["outcome"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const routerDecisionSeconds = new Histogram({
  name: "starboard_router_decision_seconds",
  help: "Time from a live batch of events reaching the routing engine to its decisions and commands being durable on the log.",
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers,
});

export const fanOutSeconds = new Histogram({
  name: "starboard_subscription_fanout_seconds",
  help: "Time of one live fan-out tick: compute every watched topic's payload, execute each subscription shape, push to subscribers.",
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers,
});

export const eslReconnects = new Counter({
  name: "starboard_esl_reconnects_total",
  help: "Event-socket connections to FreeSWITCH re-established after a drop (the first connect is not counted).",
  registers,
});

let processMetrics = false;

/**
 * Node's process metrics (resident memory, heap, CPU, event-loop lag, handles) on the same registry.
 * Opt-in and idempotent: the event-loop monitor costs a little, so only a process that serves
 * /metrics turns it on.
 */
export function enableProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: opsRegistry });
}
