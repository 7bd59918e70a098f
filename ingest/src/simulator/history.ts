import type { StarboardEvent } from "@starboard/core";
import { arrivalsBetween } from "./arrival";
import { CustomerPicker } from "./customers";
import { contactEvents, type Served } from "./history-contact";
import { type ContactPlan, planContact } from "./plan";
import type { SimulatorProfile } from "./profile";
import { Rng, subSeed } from "./rng";
import { available, breaksOf, canServe, SHIFT_HOURS, shiftStartHour } from "./shifts";
import { ticketNumber, ticketSteps } from "./ticket-plan";

export interface HistoryOptions {
  profile: SimulatorProfile;
  days: number;
  endAt: Date;
  seed: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Past days of events, one batch per clock hour, generated directly as Starboard events from the
 * live simulator's model (arrival curve, channel mix, patience, CSAT). Everything in an hour is
 * derived from (seed, hour), so two runs that cover the same hour produce the same ids and the
 * sink's dedup makes a second back-fill a no-op. Events after `endAt` are left out.
 */
export function* generateHistory(options: HistoryOptions): Generator<StarboardEvent[]> {
  const { profile, days, seed } = options;
  const endMs = options.endAt.getTime();
  if (!Number.isInteger(days) || days < 1 || days > 3_650)
    throw new Error(`generateHistory: days must be an integer in 1..3650 (got ${days})`);
  if (Number.isNaN(endMs)) throw new Error("generateHistory: endAt is not a valid date");
  const first = Math.floor((endMs - days * DAY) / HOUR) * HOUR;
  for (let h = first; h < endMs; h += HOUR) {
    const batch = [...agentEvents(profile, seed, h), ...hourContacts(profile, seed, h)];
    yield batch.filter((e) => Date.parse(e.time) <= endMs);
  }
}

/** Sign-in, ready, breaks and sign-out of every agent whose schedule has a step in this hour. */
function agentEvents(profile: SimulatorProfile, seed: number, h: number): StarboardEvent[] {
  const out: StarboardEvent[] = [];
  const offset = profile.utcOffsetMinutes * 60_000;
  const localMidnight = Math.floor((h + offset) / DAY) * DAY - offset;
  profile.agents.forEach((agent, i) => {
    const steps: { minute: number; state: "in" | "ready" | "not-ready" | "out"; reason?: string }[] = [
      { minute: 0, state: "in" },
      { minute: 1, state: "ready" },
      ...breaksOf(i).flatMap((b) => [
        { minute: b.afterMinutes, state: "not-ready" as const, reason: b.reason },
        { minute: b.afterMinutes + b.minutes, state: "ready" as const },
      ]),
      { minute: SHIFT_HOURS * 60, state: "out" },
    ];
    for (const day of [localMidnight - DAY, localMidnight]) {
      const shiftStart = day + shiftStartHour(i) * HOUR;
      for (const step of steps) {
        const at = shiftStart + step.minute * 60_000;
        if (at < h || at >= h + HOUR) continue;
        const base = {
          id: `h${seed}:${agent.id}:${step.state}:${iso(at)}`,
          version: 1 as const,
          time: iso(at),
          tenant: profile.tenant,
          source: "agent-desktop",
          agentId: agent.id,
        };
        if (step.state === "in")
          out.push({
            ...base,
            type: "agent.signed-in",
            data: {
              endpoint: `user/${agent.extension}`,
              teamId: agent.teamId,
              skills: agent.skills,
              capacity: agent.capacity,
            },
          });
        else if (step.state === "ready") out.push({ ...base, type: "agent.ready", data: {} });
        else if (step.state === "not-ready")
          out.push({ ...base, type: "agent.not-ready", data: { reasonCode: step.reason ?? "break" } });
        else out.push({ ...base, type: "agent.signed-out", data: { reason: "agent" } });
      }
    }
  });
  return out;
}

function hourContacts(profile: SimulatorProfile, seed: number, h: number): StarboardEvent[] {
  const rng = new Rng(subSeed(seed, "hour", h));
  const dayRng = new Rng(subSeed(seed, "day", Math.floor((h + profile.utcOffsetMinutes * 60_000) / DAY)));
  const picker = new CustomerPicker(profile.customers, profile.returningShare);
  // Customers active today: later contacts of the day return to them.
  for (let i = 0; i < 30; i++) picker.next(dayRng);
  const freeAt = new Map<string, number>();
  const out: StarboardEvent[] = [];
  arrivalsBetween(profile, h, h + HOUR, rng).forEach((at, n) => {
    const plan = planContact(rng, profile, at, picker.next(rng));
    const contactId = `h${seed}-${(h / HOUR).toString(36)}-${n}`;
    const number = ticketNumber(profile, at, (Math.floor(h / HOUR) % 24) * 10_000 + n);
    if (plan.channel === "email" || plan.channel === "ticket") {
      out.push(...tickets(rng, profile, seed, plan, number, at, undefined, undefined));
      return;
    }
    const served = serve(profile, plan, freeAt);
    out.push(...contactEvents(rng, profile, plan, contactId, served));
    if (plan.opensTicket && served.agentId !== undefined) {
      const endAt =
        queuedAt(plan) + (served.waitSeconds + plan.ringSeconds + plan.talkSeconds + plan.holdSeconds) * 1000;
      out.push(...tickets(rng, profile, seed, plan, number, endAt, served.agentId, contactId));
    }
  });
  return out;
}

function queuedAt(plan: ContactPlan): number {
  return plan.at + (plan.ivrSeconds + (plan.bot?.seconds ?? 0)) * 1000;
}

/**
 * The queue model of the back-fill: the eligible on-shift agent who frees up first takes the
 * contact, unless the customer's patience runs out first. A chat takes a third of an agent (three
 * at a time). Agents start each hour free: contacts spilling over an hour are not carried.
 */
function serve(profile: SimulatorProfile, plan: ContactPlan, freeAt: Map<string, number>): Served {
  const queue = profile.queues.find((q) => q.id === plan.queueId);
  const start = queuedAt(plan);
  if (queue === undefined || plan.ivrSelfService || plan.bot?.resolves === true)
    return { agentId: undefined, waitSeconds: 0 };
  let best: { id: string; at: number } | undefined;
  profile.agents.forEach((agent, i) => {
    if (!available(profile, i, start) || !canServe(agent, queue.skill, queue.minLevel)) return;
    const at = Math.max(start, freeAt.get(agent.id) ?? start);
    if (best === undefined || at < best.at) best = { id: agent.id, at };
  });
  const chosen = best as { id: string; at: number } | undefined;
  const wait = chosen === undefined ? Number.POSITIVE_INFINITY : (chosen.at - start) / 1000;
  if (chosen === undefined || wait > plan.patienceSeconds)
    return { agentId: undefined, waitSeconds: plan.patienceSeconds };
  const busy = (plan.ringSeconds + plan.talkSeconds + plan.holdSeconds + plan.wrapupSeconds) * 1000;
  freeAt.set(chosen.id, chosen.at + (plan.channel === "voice" || plan.channel === "video" ? busy : busy / 3));
  return { agentId: chosen.id, waitSeconds: Math.round(wait) };
}

function tickets(
  rng: Rng,
  profile: SimulatorProfile,
  seed: number,
  plan: ContactPlan,
  number: string,
  openedAtMs: number,
  agentId: string | undefined,
  fromContactId: string | undefined,
): StarboardEvent[] {
  return ticketSteps(rng, profile, plan, { number, openedAtMs, agentId, fromContactId }).map(
    (step, i) =>
      ({
        id: `h${seed}:${number}:${step.type}:${i}`,
        type: step.type,
        version: 1,
        time: iso(openedAtMs + step.offsetSeconds * 1000),
        tenant: profile.tenant,
        source: "simulator:history",
        data: step.data,
      }) as StarboardEvent,
  );
}
