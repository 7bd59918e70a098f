import {
  decodeEventRecord,
  type EventLog,
  type StarboardEvent,
  type Subscription,
  Topics,
} from "@starboard/core";
import type { SimAgent } from "./profile";
import { breaksOf, minutesIntoShift, SHIFT_HOURS } from "./shifts";
import { iso, type World } from "./world";

// The agent desktop has no protocol source in Starboard yet: sign-in, ready, not-ready (with the
// reason the agent picked) and wrap-up are published on the log directly, source "agent-desktop".

let idCounter = 0;

/** An event without its envelope's bookkeeping, per type (so `data` is checked against its type). */
export type EventDraft = StarboardEvent extends infer E
  ? E extends StarboardEvent
    ? Omit<E, "id" | "version" | "time" | "tenant" | "source">
    : never
  : never;

/** A desktop event at the simulated now, with an id unique in this run. */
export function desktopEvent(world: World, draft: EventDraft): StarboardEvent {
  idCounter += 1;
  // The drafts here are all version 1 types; the registry check in publishEvents would refuse otherwise.
  return {
    ...draft,
    id: `sim:${world.runId}:desk:${idCounter}`,
    version: 1,
    time: iso(world.clock.now()),
    tenant: world.profile.tenant,
    source: "agent-desktop",
  } as StarboardEvent;
}

function signIn(world: World, agent: SimAgent): void {
  void world.outbox.add(
    desktopEvent(world, {
      type: "agent.signed-in",
      agentId: agent.id,
      data: {
        endpoint: `user/${agent.extension}`,
        teamId: agent.teamId,
        skills: agent.skills,
        capacity: agent.capacity,
      },
    }),
  );
}

function state(world: World, agent: SimAgent, next: "ready" | "out" | string): void {
  const e =
    next === "ready"
      ? desktopEvent(world, { type: "agent.ready", agentId: agent.id, data: {} })
      : next === "out"
        ? desktopEvent(world, { type: "agent.signed-out", agentId: agent.id, data: { reason: "agent" } })
        : desktopEvent(world, { type: "agent.not-ready", agentId: agent.id, data: { reasonCode: next } });
  void world.outbox.add(e);
}

/** Load mode: everyone signs in and stays ready. */
export function staffAll(world: World): void {
  for (const agent of world.profile.agents) {
    signIn(world, agent);
    state(world, agent, "ready");
  }
}

/**
 * Live day: agents on shift now sign in (ready, or on the break they are in), and every later
 * step of their shift — breaks, meal, training, sign-out, the next day's sign-in — is scheduled.
 */
export function staffShifts(world: World, horizonHours = 48): void {
  const now = world.clock.now();
  world.profile.agents.forEach((agent, i) => {
    const into = minutesIntoShift(world.profile, i, now);
    const breaks = breaksOf(i);
    if (into !== undefined) {
      signIn(world, agent);
      const onBreak = breaks.find((b) => into >= b.afterMinutes && into < b.afterMinutes + b.minutes);
      state(world, agent, onBreak === undefined ? "ready" : onBreak.reason);
    }
    const steps = [
      {
        minute: 0,
        run: () => {
          signIn(world, agent);
          state(world, agent, "ready");
        },
      },
      ...breaks.flatMap((b) => [
        { minute: b.afterMinutes, run: () => state(world, agent, b.reason) },
        { minute: b.afterMinutes + b.minutes, run: () => state(world, agent, "ready") },
      ]),
      { minute: SHIFT_HOURS * 60, run: () => state(world, agent, "out") },
    ];
    // The current shift's start (steps already past are skipped), else the next one.
    const firstStart = into === undefined ? nextShiftStart(world, i, now) : now - into * 60_000;
    for (let start = firstStart; start < now + horizonHours * 3_600_000; start += 24 * 3_600_000) {
      for (const step of steps) {
        const at = start + step.minute * 60_000;
        if (at > now) world.clock.at(at, () => world.stopped || step.run());
      }
    }
  });
}

function nextShiftStart(world: World, index: number, now: number): number {
  const minute = 60_000;
  let t = Math.ceil(now / minute) * minute;
  while (minutesIntoShift(world.profile, index, t) !== 0) t += minute;
  return t;
}

/**
 * After a missed or failed offer the router puts the agent not ready (ring-timeout, rejected); a
 * real agent notices and goes ready again. Only agent.not-ready records are decoded (by header).
 */
export async function readyAgainAfterMissedOffers(world: World, log: EventLog): Promise<Subscription> {
  const agents = new Map(world.profile.agents.map((a) => [a.id, a]));
  return log.subscribe({
    groupId: "simulator-desktop",
    topics: [Topics.events],
    startAt: "latest",
    handler: async (batch) => {
      for (const record of batch.records) {
        if (record.headers["event-type"] !== "agent.not-ready") continue;
        // Not kept in the shared decode cache: in the load generator's thread nothing else reads it.
        const decoded = decodeEventRecord(record, false);
        if (!decoded.ok || decoded.event.type !== "agent.not-ready" || decoded.event.source !== "router")
          continue;
        const agent = agents.get(decoded.event.agentId);
        if (agent === undefined) continue;
        world.clock.after(world.rng.int(5, 20), () => world.stopped || state(world, agent, "ready"));
      }
    },
  });
}
