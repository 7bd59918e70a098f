// The routing engine as a service: the events topic in, router.decision / command.* / agent.not-ready
// out. The engine decides; this file only feeds it in order, publishes what it says, and commits.

import type { StarboardEvent } from "../events/index";
import { Topics } from "../events/topics";
import { errorMessage } from "../log/errors";
import { decodeEventRecord, publishEvents } from "../log/typed";
import type { EventLog, Subscription } from "../log/types";
import { routerDecisionSeconds } from "../ops/metrics";
import type { RoutingConfig } from "../routing/config";
import type { RouterOutput } from "../routing/emit";
import { RoutingEngine } from "../routing/engine";
import { recentRouterOutputs } from "./recent-outputs";
import { replayCommitted } from "./router-replay";
import { tickEvent, tickTime } from "./router-tick";
import { type MergeItem, TimeMerge } from "./time-merge";

export interface RouterServiceOptions {
  log: EventLog;
  routing: RoutingConfig;
  /** Consumer group (default "router"): its committed offsets mark what has been answered. */
  groupId?: string;
  /** How often the clock ticks for timers (default 1,000 ms); 0 turns ticks off. */
  tickMs?: number;
  /** How long live batches are held to be ordered with other partitions' (default 20 ms). */
  holdMs?: number;
  /** Replay: a partition silent this long is taken as emptied by retention (default 5,000 ms). */
  replayIdleMs?: number;
  /**
   * How far back (wall-clock ms, default 10 minutes) to look for outputs already published by a
   * run that died before committing them; 0 skips the look.
   */
  crashWindowMs?: number;
  /**
   * Events older than this (wall-clock ms, default 10 minutes) update the engine but publish no
   * decisions or commands: a history back-fill or an outage's backlog calls nobody back.
   */
  staleAfterMs?: number;
  /** Wall clock, for ticks. */
  now?: () => number;
  /** Where a failed tick is reported (the next tick retries). */
  onError?: (message: string) => void;
}

export interface RouterServiceStats {
  /** Events applied silently on start to rebuild the state. */
  replayed: number;
  /** Events applied live. */
  applied: number;
  /** Outputs published (decisions, commands, not-ready). */
  published: number;
  /** Records that were not a valid event (the sink dead-letters them; the router skips them). */
  undecodable: number;
  ticks: number;
  /** Outputs not published again because a run that died before committing had published them. */
  alreadyPublished: number;
  /** Outputs withheld because their event was older than `staleAfterMs`. */
  stale: number;
}

export interface RouterService {
  readonly engine: RoutingEngine;
  readonly stats: RouterServiceStats;
  stop(): Promise<void>;
}

/*
 * Restart without re-sending. The live group ("router") commits a partition's offset only after the
 * outputs of its batch were published. On start, the records below those committed offsets were
 * answered already: they are replayed into the engine from a separate group and their outputs are
 * thrown away (router-replay.ts); the live group then resumes at its committed offsets and publishes.
 * A crash between publishing and committing makes the next start answer that batch again, with the
 * same output ids (they derive from the input ids). Before going live the service reads the ids the
 * router published in the last `crashWindowMs` (recent-outputs.ts) and skips those: the commands
 * are not sent twice. Past the window a repeat is still harmless downstream: the sink drops a known
 * id, and the ESL executor refuses commands older than a minute.
 */
export async function startRouterService(options: RouterServiceOptions): Promise<RouterService> {
  const { log } = options;
  const groupId = options.groupId ?? "router";
  const now = options.now ?? Date.now;
  const engine = new RoutingEngine(options.routing);
  const stats: RouterServiceStats = {
    replayed: 0,
    applied: 0,
    published: 0,
    undecodable: 0,
    ticks: 0,
    alreadyPublished: 0,
    stale: 0,
  };
  const staleMs = options.staleAfterMs ?? 600_000;
  let last: { ms: number; wall: number; tenant: string } | undefined;

  const run = (events: readonly StarboardEvent[], publish: boolean): RouterOutput[] => {
    const out: RouterOutput[] = [];
    for (const event of events) {
      const produced = engine.handle(event);
      const ms = Date.parse(event.time);
      // A history back-fill (starboard simulate --days) or a long outage's backlog: its contacts
      // are long gone, so the engine learns from it but sends nobody a call from last week.
      if (publish && ms >= now() - staleMs) out.push(...produced);
      else if (publish) stats.stale += produced.length;
      if (last === undefined || ms >= last.ms) last = { ms, wall: now(), tenant: event.tenant };
    }
    return out;
  };
  let recent = new Set<string>();
  const emit = async (produced: RouterOutput[]) => {
    const out = recent.size === 0 ? produced : produced.filter((o) => !recent.delete(o.id));
    stats.alreadyPublished += produced.length - out.length;
    if (out.length === 0) return;
    await publishEvents(log, out);
    stats.published += out.length;
  };
  const decode = (record: { partition: number; offset: number; value: Buffer }) => {
    const decoded = decodeEventRecord(record);
    if (!decoded.ok) {
      stats.undecodable += 1;
      return undefined;
    }
    const item: MergeItem<StarboardEvent> = {
      partition: record.partition,
      offset: record.offset,
      timeMs: Date.parse(decoded.event.time),
      value: decoded.event,
    };
    return item;
  };

  stats.replayed = await replayCommitted({
    log,
    groupId,
    decode,
    ...(options.replayIdleMs === undefined ? {} : { idleMs: options.replayIdleMs }),
    apply: async (items) => {
      run(
        items.map((i) => i.value),
        false,
      );
    },
  });

  const crashWindowMs = options.crashWindowMs ?? 600_000;
  // Record timestamps are append times on the wall clock, whatever clock the events run on.
  if (crashWindowMs > 0)
    recent = await recentRouterOutputs({ log, groupId, sinceMs: Date.now() - crashWindowMs });

  const merge = new TimeMerge<StarboardEvent>(async (items) => {
    stats.applied += items.length;
    // One observation per live batch (engine + publish), not per event: the engine's loop stays bare.
    const endTimer = routerDecisionSeconds.startTimer();
    await emit(
      run(
        items.map((i) => i.value),
        true,
      ),
    );
    endTimer();
  }, options.holdMs ?? 20);
  const subscription: Subscription = await log.subscribe({
    groupId,
    topics: [Topics.events],
    startAt: "committed",
    handler: async (batch) => {
      const items: MergeItem<StarboardEvent>[] = [];
      for (const record of batch.records) {
        const item = decode(record);
        if (item !== undefined) items.push(item);
      }
      await merge.push(batch.partition, items);
    },
  });

  const tickMs = options.tickMs ?? 1_000;
  const timer =
    tickMs > 0
      ? setInterval(() => {
          const from = last;
          if (from === undefined || engine.state.timers.size === 0) return;
          const at = tickTime(from.ms, from.wall, now());
          if (at <= engine.state.clockMs) return;
          void merge
            .serialise(async () => {
              stats.ticks += 1;
              await emit(engine.handle(tickEvent(at, from.tenant)));
            })
            .catch((error: unknown) => options.onError?.(`router tick: ${errorMessage(error)}`));
        }, tickMs)
      : undefined;
  timer?.unref();

  return {
    engine,
    stats,
    stop: async () => {
      clearInterval(timer);
      await subscription.stop();
      merge.close();
      await merge.serialise(async () => undefined);
    },
  };
}
