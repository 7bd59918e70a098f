import type { AgentSkill, StarboardEvent } from "../src/events/index";
import { LiveState } from "../src/live/index";
import { type RouterOutput, RoutingEngine } from "../src/routing/index";
import { mulberry32, simulateQueue } from "../src/routing/simulation";
import { type BenchProgress, type BenchRow, row } from "./row";

// The routing engine at contact-center scale beside a naive router that scans every agent and every
// waiting contact for each decision (what a small ACD does), in the same process on the same input.

const T0 = Date.parse("2026-11-30T08:00:00.000Z");
const QUEUES = 200;

interface Shape {
  agents: number;
  waiting: number;
  skills: number;
}

interface Generated {
  agents: { id: string; skills: AgentSkill[] }[];
  contacts: { id: string; queue: number; skill: string; minLevel: number; tier: string | undefined }[];
}

function generate(shape: Shape, seed: number, extraContacts: number): Generated {
  const random = mulberry32(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const agents = Array.from({ length: shape.agents }, (_, i) => {
    const skills = new Map<string, number>();
    while (skills.size < 3) skills.set(`skill-${pick(shape.skills)}`, 1 + pick(10));
    return { id: `agent-${i}`, skills: [...skills].map(([skill, level]) => ({ skill, level })) };
  });
  const tiers = [undefined, undefined, undefined, undefined, "new", "high-value", "vip"];
  const contacts = Array.from({ length: shape.waiting + extraContacts }, (_, i) => {
    const s = pick(shape.skills);
    return {
      id: `c-${i}`,
      queue: s % QUEUES,
      skill: `skill-${s}`,
      minLevel: 1 + pick(5),
      tier: tiers[pick(tiers.length)],
    };
  });
  return { agents, contacts };
}

// Events are written out as plain literals, the shape JSON.parse gives them coming off the log. A
// `{ ...envelope, type, ... }` spread cost ~7 µs and left ~2 KB of garbage per event on Node 20:
// built outside the timed calls, but its collection fell inside them and was charged to the router.
let eventNo = 0;
function nextId(): string {
  eventNo += 1;
  return `b-${eventNo}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

function queuedEvent(ms: number, c: Generated["contacts"][number]): StarboardEvent {
  return {
    id: nextId(),
    version: 1,
    time: iso(ms),
    tenant: "default",
    source: "bench",
    type: "contact.queued",
    contactId: c.id,
    channel: "voice",
    data: {
      queueId: `q-${c.queue}`,
      requiredSkills: [{ skill: c.skill, minLevel: c.minLevel }],
      priority: 0,
      customerTier: c.tier,
      entry: "new",
      position: 1,
    },
  };
}

function endedEvent(ms: number, contactId: string, agentId: string): StarboardEvent {
  return {
    id: nextId(),
    version: 1,
    time: iso(ms),
    tenant: "default",
    source: "bench",
    type: "contact.ended",
    contactId,
    channel: "voice",
    agentId,
    data: {
      endedBy: "customer",
      outcome: "handled",
      resolved: true,
      waitSeconds: 0,
      talkSeconds: 60,
      holdSeconds: 0,
      wrapupSeconds: 0,
      categories: [],
    },
  };
}

/** Steady state at full load: an agent ends a contact and takes the next; a new contact arrives and queues. */
interface Measured {
  decisions: number;
  seconds: number;
  p99Micros: number;
  heapMb: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

interface Router {
  handle(e: StarboardEvent): RouterOutput[];
}

function measure(
  router: Router,
  data: Generated,
  shape: Shape,
  cycles: number,
  progress: BenchProgress,
  label: string,
): Measured {
  let ms = T0;
  const heapBefore = process.memoryUsage().heapUsed;
  const holding = new Map<string, string>();
  const note = (outs: RouterOutput[]) => {
    for (const o of outs)
      if (o.type === "router.decision" && o.data.kind === "assign") holding.set(o.data.agentId, o.contactId);
  };
  for (const a of data.agents) {
    const time = iso(ms);
    router.handle({
      id: nextId(),
      version: 1,
      time,
      tenant: "default",
      source: "bench",
      type: "agent.signed-in",
      agentId: a.id,
      data: { skills: a.skills, capacity: { voice: 1 } },
    });
    router.handle({
      id: nextId(),
      version: 1,
      time,
      tenant: "default",
      source: "bench",
      type: "agent.ready",
      agentId: a.id,
      data: {},
    });
  }
  // One contact per agent is taken at once; the rest wait.
  const queued = shape.waiting + shape.agents;
  progress(`routing: ${label}: queueing ${queued.toLocaleString("en-US")} contacts`);
  for (let i = 0; i < queued; i++) {
    const c = data.contacts[i];
    if (c !== undefined) note(router.handle(queuedEvent(++ms, c)));
  }
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;
  progress(`routing: ${label}: ${cycles.toLocaleString("en-US")} end+arrive cycles`);
  const latencies = new Float64Array(cycles * 2);
  let decisions = 0;
  let spent = 0;
  let n = 0;
  for (let i = 0; i < cycles; i++) {
    const agent = data.agents[i % data.agents.length];
    const contactId = agent === undefined ? undefined : holding.get(agent.id);
    const arrival = data.contacts[shape.waiting + shape.agents + i];
    const events: StarboardEvent[] = [];
    if (agent !== undefined && contactId !== undefined) events.push(endedEvent(++ms, contactId, agent.id));
    if (arrival !== undefined) events.push(queuedEvent(++ms, arrival));
    for (const e of events) {
      const start = process.hrtime.bigint();
      const outs = router.handle(e);
      const took = Number(process.hrtime.bigint() - start) / 1000;
      spent += took;
      let made = 0;
      for (const o of outs) if (o.type === "router.decision") made++;
      decisions += made;
      if (made > 0) latencies[n++] = took / made;
      note(outs);
    }
  }
  const sorted = latencies.slice(0, n).sort();
  return { decisions, seconds: spent / 1e6, p99Micros: percentile(sorted, 0.99), heapMb };
}

/** The reference: arrays and full scans, same ordering rules (level then longest idle; priority then age). */
class NaiveRouter implements Router {
  private readonly agents: {
    id: string;
    skills: Map<string, number>;
    ready: boolean;
    busy: boolean;
    idleSince: number;
  }[] = [];
  private readonly byId = new Map<string, NaiveRouter["agents"][number]>();
  private idle = 0;
  private waiting: {
    id: string;
    skill: string;
    minLevel: number;
    priority: number;
    queuedMs: number;
    queueId: string;
  }[] = [];
  private readonly tiers: Record<string, number> = { vip: 100, "high-value": 50, new: 10 };

  handle(e: StarboardEvent): RouterOutput[] {
    const ms = Date.parse(e.time);
    if (e.type === "agent.signed-in") {
      const a = {
        id: e.agentId,
        skills: new Map(e.data.skills.map((s) => [s.skill, s.level])),
        ready: false,
        busy: false,
        idleSince: ms,
      };
      this.agents.push(a);
      this.byId.set(a.id, a);
      return [];
    }
    if (e.type === "agent.ready" || e.type === "contact.ended") {
      const a = this.byId.get(e.agentId ?? "");
      if (a === undefined) return [];
      a.ready = true;
      a.busy = false;
      a.idleSince = ms;
      this.idle += 1;
      return this.takeBest(a, ms, e);
    }
    if (e.type === "contact.queued") {
      const req = e.data.requiredSkills[0];
      const c = {
        id: e.contactId,
        skill: req?.skill ?? "",
        minLevel: req?.minLevel ?? 0,
        priority: e.data.priority + (this.tiers[e.data.customerTier ?? ""] ?? 0),
        queuedMs: ms,
        queueId: e.data.queueId,
      };
      let best: NaiveRouter["agents"][number] | undefined;
      // Even a naive router knows when nobody at all is idle.
      for (const a of this.idle === 0 ? [] : this.agents) {
        if (!a.ready || a.busy) continue;
        const level = a.skills.get(c.skill) ?? 0;
        if (level < c.minLevel) continue;
        const bestLevel = best === undefined ? -1 : (best.skills.get(c.skill) ?? 0);
        if (best === undefined || level > bestLevel || (level === bestLevel && a.idleSince < best.idleSince))
          best = a;
      }
      if (best === undefined) {
        this.waiting.push(c);
        return [
          this.decision(e, c.id, {
            kind: "queue",
            rule: "arrival",
            reason: "naive",
            eligibleAgents: 0,
            queueId: c.queueId,
            position: this.waiting.length,
          }),
        ];
      }
      best.busy = true;
      this.idle -= 1;
      return [
        this.decision(e, c.id, {
          kind: "assign",
          rule: "arrival",
          reason: "naive",
          eligibleAgents: 0,
          queueId: c.queueId,
          agentId: best.id,
          waitSeconds: 0,
        }),
      ];
    }
    return [];
  }

  private takeBest(a: NaiveRouter["agents"][number], ms: number, e: StarboardEvent): RouterOutput[] {
    let best = -1;
    let bestPriority = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.waiting.length; i++) {
      const c = this.waiting[i];
      if (c === undefined || (a.skills.get(c.skill) ?? 0) < c.minLevel) continue;
      const p = c.priority + (ms - c.queuedMs) / 1000;
      if (p > bestPriority) {
        bestPriority = p;
        best = i;
      }
    }
    const c = this.waiting[best];
    if (c === undefined) return [];
    this.waiting.splice(best, 1);
    a.busy = true;
    this.idle -= 1;
    return [
      this.decision(e, c.id, {
        kind: "assign",
        rule: "agent-freed",
        reason: "naive",
        eligibleAgents: 0,
        queueId: c.queueId,
        agentId: a.id,
        waitSeconds: (ms - c.queuedMs) / 1000,
      }),
    ];
  }

  private decision(
    e: StarboardEvent,
    contactId: string,
    data: Extract<RouterOutput, { type: "router.decision" }>["data"],
  ): RouterOutput {
    return {
      id: `${e.id}~n`,
      version: 1,
      time: e.time,
      tenant: "default",
      source: "router",
      type: "router.decision",
      contactId,
      channel: "voice",
      data,
    };
  }
}

/** EWT quality on a simulated day: our estimate and the textbook position·AHT/N, against real waits. */
function ewtDay(progress: BenchProgress): {
  ours: number;
  textbook: number;
  meanWait: number;
  samples: number;
} {
  progress("routing: EWT on a simulated 10-hour day (20 agents, AHT 240 s, 90% load)");
  const agents = 20;
  const aht = 240;
  const live = new LiveState({ queues: [{ id: "day", strategy: { contacts: "fifo" } }] });
  const predicted = new Map<string, { ours: number; textbook: number }>();
  const actual = new Map<string, number>();
  simulateQueue(
    { handle: (e) => live.handle(e).outputs },
    {
      agents,
      ahtSeconds: aht,
      arrivalsPerSecond: (0.9 * agents) / aht,
      calls: Math.round(((0.9 * agents) / aht) * 36_000),
      seed: 11,
      queueId: "day",
      startMs: T0,
      observe: (event, outputs) => {
        for (const o of outputs)
          if (o.type === "router.decision" && o.data.kind === "assign")
            actual.set(o.contactId, o.data.waitSeconds);
        if (event.type !== "contact.queued" || actual.has(event.contactId)) {
          if (event.type === "contact.queued") predicted.set(event.contactId, { ours: 0, textbook: 0 });
          return;
        }
        const position = live.engine.state.waiting.waitingCount("day");
        const ahtNow = live.ahtSeconds("day");
        predicted.set(event.contactId, {
          ours: live.estimatedWait(event.contactId, position) ?? 0,
          textbook: (position * ahtNow) / agents,
        });
      },
    },
  );
  let ours = 0;
  let textbook = 0;
  let waits = 0;
  let n = 0;
  for (const [id, p] of predicted) {
    const wait = actual.get(id);
    if (wait === undefined) continue;
    ours += Math.abs(p.ours - wait);
    textbook += Math.abs(p.textbook - wait);
    waits += wait;
    n += 1;
  }
  return { ours: ours / n, textbook: textbook / n, meanWait: waits / n, samples: n };
}

export async function routingBenchmarks(options: {
  progress: BenchProgress;
  agents?: number;
  waiting?: number;
  skills?: number;
  cycles?: number;
  naiveCycles?: number;
}): Promise<BenchRow[]> {
  const shape: Shape = {
    agents: options.agents ?? 10_000,
    waiting: options.waiting ?? 200_000,
    skills: options.skills ?? 200,
  };
  const cycles = options.cycles ?? 100_000;
  const naiveCycles = options.naiveCycles ?? 1_000;
  const data = generate(shape, 42, cycles + shape.agents);
  const at = `@${(shape.agents / 1000).toLocaleString("en-US")}k agents, ${(shape.waiting / 1000).toLocaleString("en-US")}k waiting, ${shape.skills} skills`;
  const queues = Array.from({ length: QUEUES }, (_, i) => ({ id: `q-${i}` }));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const engine = measure(
    new RoutingEngine({ queues, duplicateWindow: 10_000 }),
    data,
    shape,
    cycles,
    options.progress,
    "engine",
  );
  gc?.();
  const naive = measure(new NaiveRouter(), data, shape, naiveCycles, options.progress, "naive scan");
  const ewt = ewtDay(options.progress);
  const reference = "naive linear scan";
  return [
    row({
      area: "routing",
      name: `decisions per second ${at}`,
      value: Math.round(engine.decisions / engine.seconds),
      unit: "1/s",
      reference,
      referenceValue: Math.round(naive.decisions / naive.seconds),
      target: ">= 100000",
    }),
    row(
      {
        area: "routing",
        name: `p99 decision latency ${at}`,
        value: Math.round(engine.p99Micros * 10) / 10,
        unit: "µs",
        reference,
        referenceValue: Math.round(naive.p99Micros * 10) / 10,
        target: "< 100",
      },
      true,
    ),
    row(
      {
        area: "routing",
        name: `heap for the routing state ${at}`,
        value: Math.round(engine.heapMb),
        unit: "MB",
        reference,
        referenceValue: Math.round(naive.heapMb),
        target: "< 1024",
      },
      true,
    ),
    row(
      {
        area: "routing",
        name: `EWT mean absolute error, % of mean wait (${ewt.samples} calls, mean wait ${ewt.meanWait.toFixed(1)} s)`,
        value: Math.round((ewt.ours / ewt.meanWait) * 10000) / 100,
        unit: "%",
        reference: "position x AHT / agents",
        referenceValue: Math.round((ewt.textbook / ewt.meanWait) * 10000) / 100,
        target: "< 25",
      },
      true,
    ),
  ];
}
