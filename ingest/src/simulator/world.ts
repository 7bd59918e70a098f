import type { FsSwitch } from "../esl/emulator/fs-switch";
import type { SimClock } from "./clock";
import { csatScore, type PlannedOutcome, surveyResponse } from "./csat";
import type { Outbox, WebhookSender } from "./outbox";
import { csatComments } from "./phrases";
import type { ContactPlan } from "./plan";
import type { SimulatorProfile } from "./profile";
import type { Rng } from "./rng";
import { ticketNumber, ticketSteps } from "./ticket-plan";

export interface SimulatorStats {
  contacts: number;
  calls: number;
  chats: number;
  tickets: number;
  /** Starboard events the gateways accepted plus those published directly (desktop, ASR, surveys). */
  events: number;
  /** FreeSWITCH events the emulated switch emitted (the ESL adapter maps them to voice events). */
  switchEvents: number;
  /** Tasks on the simulated clock's agenda (future steps of live contacts and open tickets). */
  scheduled: number;
  /** Webhook posts and chat stream messages sent and not answered yet. */
  inFlight: number;
  /** Failed posts or publishes; `lastError` says what the last one was. */
  errors: number;
  lastError: string | undefined;
}

/** What every live flow shares: the profile, the clock, the random source and the ways out. */
export interface World {
  profile: SimulatorProfile;
  clock: SimClock;
  rng: Rng;
  outbox: Outbox;
  hooks: WebhookSender;
  fs: FsSwitch;
  /** Sends one chat payload (webhook POST, or the gateway's WebSocket stream) and resolves when answered. */
  chat: (body: object) => Promise<void>;
  /** Sends one ticket event through the ticket gateway and resolves when it was answered. */
  ticket: (body: object) => Promise<void>;
  /** How much of a real ticket's life a simulated ticket lives (1, or loadTicketTimeScale). */
  ticketTimeScale: number;
  runId: string;
  counts: { contacts: number; calls: number; chats: number; tickets: number; switchEvents: number };
  stopped: boolean;
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** The post-contact survey: answered or not, with a score that falls with the wait. */
export function survey(
  world: World,
  plan: ContactPlan,
  outcome: PlannedOutcome,
  waitSeconds: number,
): { score: number; comment?: string } | undefined {
  if (plan.answersSurvey >= surveyResponse[outcome]) return undefined;
  const score = csatScore(world.rng, { waitSeconds, outcome, resolved: plan.resolved });
  const comments = csatComments[plan.language][score >= 4 ? "good" : "bad"];
  return world.rng.chance(0.4) ? { score, comment: world.rng.pick(comments) } : { score };
}

/** Plays a ticket's life through the ticket gateway, each step at its simulated time, in order. */
export function playTicket(
  world: World,
  plan: ContactPlan,
  agentId: string | undefined,
  fromContactId: string | undefined,
): void {
  world.counts.tickets += 1;
  const openedAt = world.clock.now();
  const number = ticketNumber(world.profile, openedAt, 500_000 + world.counts.tickets);
  let chain = Promise.resolve();
  for (const step of ticketSteps(world.rng, world.profile, plan, {
    number,
    openedAtMs: openedAt,
    agentId,
    fromContactId,
    timeScale: world.ticketTimeScale,
  })) {
    const at = openedAt + step.offsetSeconds * 1000;
    world.clock.at(at, () => {
      if (world.stopped) return;
      chain = chain.then(() => world.ticket({ type: step.type, at: iso(at), ...step.data }));
    });
  }
}
