import {
  decodeEventRecord,
  type EventLog,
  type LogRecord,
  type MergeItem,
  type StarboardEvent,
  type Subscription,
  TimeMerge,
  Topics,
} from "@starboard/core";

export interface FeedReaderOptions {
  log: EventLog;
  groupId: string;
  /** Applies events in time order (across partitions); commands as they come. */
  apply: (events: readonly StarboardEvent[]) => void;
  /** Live events arriving together are held this long and applied sorted (default 20 ms). */
  holdMs?: number;
  onUndecodable: () => void;
  replayIdleMs?: number;
}

export interface FeedReader {
  /** Resolves once everything present at start has been applied. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads the events topic into the live state in event-time order, as core's router service does:
 * the backlog present at start through an exact merge across partitions (an event is applied once
 * every partition still replaying has shown one at or after its time, so memory stays bounded by
 * the partitions' skew, not the log's length), then live batches held briefly and sorted. Live
 * events wait until the replay is applied, so a fresh event never pushes the clock past the backlog.
 * The commands topic needs no order across partitions (monitor sessions, command results).
 */
export async function startFeedReader(options: FeedReaderOptions): Promise<FeedReader> {
  const { log } = options;
  const ends = await log.endOffsets(Topics.events);
  const replaying = new Set([...ends].filter(([, end]) => end > 0).map(([p]) => p));
  let replayDone!: () => void;
  const caughtUp = new Promise<void>((resolve) => {
    replayDone = resolve;
  });
  const applyItems = async (items: readonly MergeItem<StarboardEvent>[]) =>
    options.apply(items.map((i) => i.value));
  const replay = new TimeMerge<StarboardEvent>(applyItems, 0, replaying);
  const live = new TimeMerge<StarboardEvent>(async (items) => {
    await caughtUp;
    await applyItems(items);
  }, options.holdMs ?? 20);
  if (replaying.size === 0) replayDone();
  // A partition whose old records retention deleted delivers nothing: after `idleMs` without any
  // batch, stop waiting for the silent ones (as the router's replay does).
  let lastArrival = Date.now();
  const idleMs = options.replayIdleMs ?? 5_000;
  const idle = setInterval(() => {
    if (replaying.size === 0 || Date.now() - lastArrival < idleMs) return;
    for (const partition of [...replaying])
      if (!replay.holds(partition)) {
        replaying.delete(partition);
        replay.finish(partition);
      }
    if (replaying.size === 0) void replay.serialise(async () => undefined).then(() => replayDone());
  }, 500);
  idle.unref();
  void caughtUp.then(() => clearInterval(idle));

  const decode = (record: LogRecord): MergeItem<StarboardEvent> | undefined => {
    const decoded = decodeEventRecord(record);
    if (!decoded.ok) {
      options.onUndecodable();
      return undefined;
    }
    return {
      partition: record.partition,
      offset: record.offset,
      timeMs: Date.parse(decoded.event.time),
      value: decoded.event,
    };
  };

  const events: Subscription = await log.subscribe({
    groupId: options.groupId,
    topics: [Topics.events],
    startAt: "earliest",
    maxBatchSize: 5_000,
    handler: async (batch) => {
      lastArrival = Date.now();
      const end = ends.get(batch.partition) ?? 0;
      const old: MergeItem<StarboardEvent>[] = [];
      const fresh: MergeItem<StarboardEvent>[] = [];
      for (const record of batch.records) {
        const item = decode(record);
        if (item !== undefined) (record.offset < end ? old : fresh).push(item);
      }
      const waits: Promise<void>[] = [];
      if (replaying.has(batch.partition)) {
        const last = batch.records.at(-1);
        const reached = last !== undefined && last.offset >= end - 1;
        if (reached) replaying.delete(batch.partition);
        waits.push(replay.push(batch.partition, old, reached));
        if (reached && replaying.size === 0)
          void replay.serialise(async () => undefined).then(() => replayDone());
      }
      if (fresh.length > 0) waits.push(live.push(batch.partition, fresh));
      await Promise.all(waits);
    },
  });
  const commands: Subscription = await log.subscribe({
    groupId: `${options.groupId}-commands`,
    topics: [Topics.commands],
    startAt: "earliest",
    maxBatchSize: 5_000,
    handler: async (batch) => {
      const list: StarboardEvent[] = [];
      for (const record of batch.records) {
        const decoded = decodeEventRecord(record);
        if (decoded.ok) list.push(decoded.event);
        else options.onUndecodable();
      }
      options.apply(list);
    },
  });
  return {
    caughtUp,
    stop: async () => {
      clearInterval(idle);
      await events.stop();
      await commands.stop();
      replay.close();
      live.close();
    },
  };
}
