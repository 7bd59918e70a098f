// A small M/M/N call center to drive the engine with: Poisson arrivals, exponential handle times,
// a seeded PRNG. Used to check the engine against Erlang C and to measure EWT on a simulated day.
// Deterministic for a seed, like the engine it drives.

import type { StarboardEvent } from "../events/index";
import type { RouterOutput } from "./emit";
import { IndexedHeap } from "./indexed-heap";

/** mulberry32: a 32-bit seeded PRNG, uniform in [0, 1). Enough for simulation, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function exponential(random: () => number, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

export interface SimulationOptions {
  agents: number;
  arrivalsPerSecond: number;
  ahtSeconds: number;
  calls: number;
  seed: number;
  queueId: string;
  startMs: number;
  /** Level each call asks for; agents have level 5. Default 1. */
  requiredLevel?: number;
  /** Called after each input is applied, with what the engine published for it. */
  observe?: (event: StarboardEvent, outputs: readonly RouterOutput[]) => void;
}

export interface SimulationResult {
  /** Queue wait of every answered call, seconds, in arrival order of the answers. */
  waits: number[];
  events: number;
}

/** The engine, or anything that wraps it (LiveState): events in, router outputs out. */
export interface Router {
  handle(event: StarboardEvent): RouterOutput[];
}

interface Pending {
  ms: number;
  seq: number;
  event: StarboardEvent;
}

/** Drive the engine through one FIFO single-skill queue until `calls` have arrived and been served. */
export function simulateQueue(router: Router, o: SimulationOptions): SimulationResult {
  const random = mulberry32(o.seed);
  const pending = new IndexedHeap<Pending>(
    (a, b) => (a.ms !== b.ms ? a.ms < b.ms : a.seq < b.seq),
    undefined,
    (p) => p.ms,
  );
  let seq = 0;
  let id = 0;
  const env = (ms: number) => ({
    id: `sim-${++id}`,
    version: 1 as const,
    time: new Date(Math.round(ms)).toISOString(),
    tenant: "default",
    source: "simulator",
  });
  const schedule = (ms: number, event: StarboardEvent) => pending.push({ ms, seq: seq++, event });
  const waits: number[] = [];
  let events = 0;

  for (let i = 0; i < o.agents; i++) {
    const agentId = `agent-${i}`;
    schedule(o.startMs, {
      ...env(o.startMs),
      type: "agent.signed-in",
      agentId,
      data: { skills: [{ skill: "s", level: 5 }], capacity: { voice: 1 } },
    });
    schedule(o.startMs, { ...env(o.startMs), type: "agent.ready", agentId, data: {} });
  }
  // Arrivals are drawn one at a time as the previous one is applied: the heap stays small.
  let arrivalMs = o.startMs;
  let arrived = 0;
  const scheduleArrival = () => {
    if (arrived >= o.calls) return;
    arrivalMs += exponential(random, 1000 / o.arrivalsPerSecond);
    const ms = Math.round(arrivalMs);
    schedule(ms, {
      ...env(ms),
      type: "contact.queued",
      contactId: `call-${arrived++}`,
      channel: "voice",
      data: {
        queueId: o.queueId,
        requiredSkills: [{ skill: "s", minLevel: o.requiredLevel ?? 1 }],
        priority: 0,
        entry: "new",
        position: 1,
      },
    });
  };
  scheduleArrival();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const outputs = router.handle(next.event);
    events += 1;
    o.observe?.(next.event, outputs);
    if (next.event.type === "contact.queued") scheduleArrival();
    for (const out of outputs) {
      if (out.type !== "router.decision" || out.data.kind !== "assign") continue;
      const { agentId, waitSeconds } = out.data;
      waits.push(waitSeconds);
      const contactId = out.contactId;
      const handleMs = Math.max(1, Math.round(exponential(random, o.ahtSeconds * 1000)));
      const endMs = next.ms + handleMs;
      schedule(next.ms, {
        ...env(next.ms),
        type: "contact.connected",
        contactId,
        channel: "voice",
        agentId,
        data: { queueId: o.queueId, waitSeconds, ringMs: 0 },
      });
      schedule(endMs, {
        ...env(endMs),
        type: "contact.ended",
        contactId,
        channel: "voice",
        agentId,
        data: {
          endedBy: "customer",
          outcome: "handled",
          resolved: true,
          queueId: o.queueId,
          waitSeconds,
          talkSeconds: handleMs / 1000,
          holdSeconds: 0,
          wrapupSeconds: 0,
          categories: [],
        },
      });
    }
  }
  return { waits, events };
}
