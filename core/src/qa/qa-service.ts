// The QA engine as a service: the events topic in, qa.flagged out. Batches are handled one partition
// at a time (a contact's events share a partition, and all QA state is per contact), flags are
// published before the handler returns, and the log commits the batch only after that: a crash in
// between re-publishes the batch's flags with the same ids, which sinks drop as duplicates.

import type { StarboardEvent } from "../events/index";
import { Topics } from "../events/topics";
import { decodeEventRecord, publishEvents } from "../log/typed";
import type { BatchContext, EventLog, RecordBatch, Subscription } from "../log/types";
import { replayCommitted } from "../services/router-replay";
import type { MergeItem } from "../services/time-merge";
import { QaEngine } from "./qa-engine";
import type { RuleSet } from "./rule-set";

export interface QaServiceOptions {
  log: EventLog;
  rules: RuleSet;
  /** Consumer group (default "qa"): its committed offsets mark what has been scanned. */
  groupId?: string;
  /** Restart: a partition silent this long during the state rebuild counts as finished (default 5,000 ms). */
  replayIdleMs?: number;
}

export interface QaServiceStats {
  /** Events read on start to rebuild per-contact state (no flags published for them). */
  replayed: number;
  /** Messages and segments scanned live. */
  scanned: number;
  /** qa.flagged events published. */
  flagged: number;
  /** Records that were not a valid event: sent to the dead-letter topic with the parse error. */
  deadLettered: number;
}

export interface QaService {
  readonly stats: QaServiceStats;
  /** New rules from config or the API take effect from the next batch. */
  setRules(rules: RuleSet): void;
  stop(): Promise<void>;
}

const scanned = new Set(["message.received", "message.sent", "transcript.segment"]);

export async function startQaService(options: QaServiceOptions): Promise<QaService> {
  const { log } = options;
  const groupId = options.groupId ?? "qa";
  const engine = new QaEngine(options.rules);
  const stats: QaServiceStats = { replayed: 0, scanned: 0, flagged: 0, deadLettered: 0 };

  // Per-contact state (connect times, greetings said, last line) lives below the committed offsets:
  // rebuild it from the log, throwing the flags away: they were published before those commits.
  stats.replayed = await replayCommitted<StarboardEvent>({
    log,
    groupId,
    ...(options.replayIdleMs === undefined ? {} : { idleMs: options.replayIdleMs }),
    decode: (record) => {
      const decoded = decodeEventRecord({
        ...record,
        topic: Topics.events,
        key: "",
        headers: {},
        timestamp: 0,
      });
      if (!decoded.ok) return undefined;
      const item: MergeItem<StarboardEvent> = {
        partition: record.partition,
        offset: record.offset,
        timeMs: Date.parse(decoded.event.time),
        value: decoded.event,
      };
      return item;
    },
    apply: async (items) => {
      for (const item of items) engine.handle(item.value);
    },
  });

  const handler = async (batch: RecordBatch, context: BatchContext) => {
    const flags = [];
    for (const record of batch.records) {
      const decoded = decodeEventRecord(record);
      if (!decoded.ok) {
        const where = decoded.error.path === "" ? "" : `${decoded.error.path}: `;
        await context.deadLetter(record, { reason: `${where}${decoded.error.reason}`, step: "qa.decode" });
        stats.deadLettered += 1;
        continue;
      }
      if (scanned.has(decoded.event.type)) stats.scanned += 1;
      flags.push(...engine.handle(decoded.event));
    }
    if (flags.length > 0) {
      await publishEvents(log, flags);
      stats.flagged += flags.length;
    }
  };
  const subscription: Subscription = await log.subscribe({
    groupId,
    topics: [Topics.events],
    startAt: "committed",
    handler,
  });

  return {
    stats,
    setRules: (rules) => engine.setRules(rules),
    stop: () => subscription.stop(),
  };
}
