import type { EventLog } from "@starboard/core";
import type { FsSwitch } from "../esl/emulator/fs-switch";
import { arrivalsBetween } from "./arrival";
import { ChatPlatform } from "./chat";
import { SimClock } from "./clock";
import { CustomerPicker } from "./customers";
import { readyAgainAfterMissedOffers, staffAll, staffShifts } from "./desktop";
import { Outbox, WebhookSender } from "./outbox";
import { type ContactPlan, planContact } from "./plan";
import type { SimulatorProfile } from "./profile";
import { Rng, subSeed } from "./rng";
import { available, canServe } from "./shifts";
import { ChatStream } from "./stream";
import { TicketDeliveries } from "./ticket-deliveries";
import { loadTicketTimeScale } from "./ticket-plan";
import { VoiceLine } from "./voice";
import { playTicket, type SimulatorStats, type World } from "./world";

export interface SimulatorOptions {
  profile: SimulatorProfile;
  log: EventLog;
  /** The emulated switch the ESL adapter and command executor are connected to. */
  fs: FsSwitch;
  /** e.g. http://127.0.0.1:8081/chat/events */
  chatUrl: string;
  /**
   * e.g. ws://127.0.0.1:8081/chat/stream: when set, chat payloads go over the chat gateway's
   * WebSocket stream (same mapper and checks, far less CPU per event) instead of one POST each.
   */
  chatStreamUrl?: string;
  /** e.g. http://127.0.0.1:8081/tickets/events */
  ticketsUrl: string;
  webhookSecret: string;
  /** on: a believable day from the current time of day; load: contacts as fast as the agents take them. */
  mode: "on" | "load";
  /** Simulated seconds per wall second. */
  speed: number;
  seed: number;
  /** Wall clock (ms); simulated time starts at it, or at the switch's clock if that is later. */
  now?: () => number;
  /**
   * Simulated time starts no earlier than this (ms): the latest event time already on the log. A
   * sped-up run leaves events stamped ahead of the wall clock; a restart that went back to the wall
   * clock would have its agents' events refused by the router as older than what it holds.
   */
  notBefore?: number;
  /**
   * "on" mode starts as a busy center would be mid-shift: about 1.3 contacts per agent on shift
   * arrive in the first 20 simulated seconds (default true; false starts from an idle center).
   */
  warmStart?: boolean;
  /** Load mode's arrivals per simulated second (default 0.04 per agent). */
  loadContactsPerSecond?: number;
}

export interface Simulator {
  readonly stats: SimulatorStats;
  /** Simulated now (ms): give it to the command executor so its results carry simulated time. */
  now(): number;
  stop(): Promise<void>;
}

/** Load mode keeps contacts short so the same agents take many more of them. */
function compress(plan: ContactPlan): ContactPlan {
  const short = (s: number, by: number) => Math.max(1, Math.round(s / by));
  return {
    ...plan,
    ivrSeconds: short(plan.ivrSeconds, 5),
    ringSeconds: short(plan.ringSeconds, 4),
    talkSeconds: short(plan.talkSeconds, 10),
    holdSeconds: plan.holdSeconds === 0 ? 0 : short(plan.holdSeconds, 10),
    wrapupSeconds: short(plan.wrapupSeconds, 10),
    bot: plan.bot === undefined ? undefined : { ...plan.bot, seconds: short(plan.bot.seconds, 5) },
  };
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { profile, fs } = options;
  if (options.mode !== "on" && options.mode !== "load")
    throw new Error(`startSimulator: mode must be "on" or "load" (got ${String(options.mode)})`);
  const wall = options.now ?? Date.now;
  const notBefore = Number.isFinite(options.notBefore) ? (options.notBefore as number) : 0;
  const clock = new SimClock(Math.max(wall(), Math.ceil(fs.now() / 1000), notBefore), options.speed, wall);
  const runId = `${options.seed}-${clock.startMs.toString(36)}`;
  const hooks = new WebhookSender(options.webhookSecret, runId);
  const tickets = new TicketDeliveries(hooks, options.ticketsUrl);
  const stream =
    options.chatStreamUrl === undefined
      ? undefined
      : new ChatStream(options.chatStreamUrl, options.webhookSecret, runId);
  await stream?.open();
  const world: World = {
    profile,
    clock,
    rng: new Rng(subSeed(options.seed, "live")),
    outbox: new Outbox(options.log),
    hooks,
    fs,
    chat: stream === undefined ? (body) => hooks.post(options.chatUrl, body) : (body) => stream.send(body),
    ticket: (body) => tickets.add(body),
    ticketTimeScale: options.mode === "load" ? loadTicketTimeScale : 1,
    runId,
    counts: { contacts: 0, calls: 0, chats: 0, tickets: 0, switchEvents: 0 },
    stopped: false,
  };
  let lastError: string | undefined;
  clock.onError = (error) => {
    lastError = (error as Error).message;
  };
  // The switch stamps its events with its own clock: keep it on simulated time.
  clock.onAdvance = (ms) => {
    const behind = ms * 1000 - fs.now();
    if (behind > 0) fs.advance(behind / 1e6);
  };
  const voice = new VoiceLine(world);
  const chat = new ChatPlatform(world);
  await chat.listen(options.log);
  const desk = await readyAgainAfterMissedOffers(world, options.log);
  if (options.mode === "load") staffAll(world);
  else staffShifts(world);
  const picker = new CustomerPicker(profile.customers, profile.returningShare);
  // Arrivals and plans have their own random stream: what happens to a contact later depends on
  // pipeline timing (who the router picks, when), but which contacts arrive depends only on the seed.
  const plans = new Rng(subSeed(options.seed, "plans"));
  // An agent on shift now could take it: what a warm start's contacts in progress must be.
  const servable = (plan: ContactPlan, at: number) => {
    const queue = profile.queues.find((q) => q.id === plan.queueId);
    if (queue === undefined || plan.ivrSelfService || plan.bot?.resolves === true) return false;
    return profile.agents.some(
      (a, i) => available(profile, i, at) && canServe(a, queue.skill, queue.minLevel),
    );
  };
  const arrive = (at: number, inProgress = false) => {
    let planned = planContact(plans, profile, at, picker.next(plans));
    // At night a few agents cover a few skills: a complaint or a VIP call then has nobody, and a
    // warm start of only those left the centre idle (a 04:13 local CI run routed nothing).
    for (let tries = 0; inProgress && tries < 20 && !servable(planned, at); tries++)
      planned = planContact(plans, profile, at, picker.next(plans));
    const plan = options.mode === "load" ? compress(planned) : planned;
    world.counts.contacts += 1;
    if (plan.channel === "voice") voice.start(plan);
    else if (plan.channel === "email" || plan.channel === "ticket")
      playTicket(world, plan, undefined, undefined);
    else chat.start(plan);
  };
  if (options.mode === "on") {
    if (options.warmStart !== false) {
      // A center opened mid-day is already busy: the contacts it would have in progress (about one
      // per agent on shift, plus a queue) arrive over the first 20 simulated seconds, so the
      // wallboard shows talking agents and waiting contacts at once instead of after an hour.
      const onShift = profile.agents.filter((_, i) => available(profile, i, clock.startMs)).length;
      const count = Math.max(6, Math.ceil(onShift * 1.3));
      for (let k = 0; k < count; k++) {
        const at = clock.startMs + 500 + Math.floor((k / count) * 20_000);
        clock.at(at, () => world.stopped || arrive(at, true));
      }
    }
    // Arrivals are drawn a minute ahead from the curve at that time of day.
    const window = (from: number) => {
      for (const at of arrivalsBetween(profile, from, from + 60_000, plans))
        clock.at(at, () => world.stopped || arrive(at));
      clock.at(from + 60_000, () => world.stopped || window(from + 60_000));
    };
    window(clock.startMs);
  } else {
    const rate = options.loadContactsPerSecond ?? profile.agents.length * 0.04;
    const next = () => {
      arrive(clock.now());
      if (!world.stopped) clock.after(plans.exponential(1 / rate), next);
    };
    clock.after(1, next);
  }
  const timer = setInterval(() => {
    clock.runDue();
    void world.outbox.flush();
    tickets.flush();
  }, 5);
  const stats = (): SimulatorStats => ({
    ...world.counts,
    events: world.outbox.published + hooks.accepted + (stream?.accepted ?? 0),
    scheduled: clock.pending,
    inFlight: hooks.inFlight + tickets.waiting + (stream?.inFlight ?? 0),
    errors: world.outbox.errors + hooks.errors + (stream?.errors ?? 0) + (lastError === undefined ? 0 : 1),
    lastError: hooks.lastError ?? stream?.lastError ?? world.outbox.lastError ?? lastError,
  });
  return {
    get stats() {
      return stats();
    },
    now: () => clock.now(),
    async stop() {
      world.stopped = true;
      clearInterval(timer);
      voice.close();
      await chat.close();
      await desk.stop();
      await world.outbox.flush();
      tickets.flush(true);
      const deadline = Date.now() + 5_000;
      const busy = () => hooks.inFlight + (stream?.inFlight ?? 0) > 0;
      while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await world.outbox.flush();
      hooks.close();
      stream?.close();
    },
  };
}
