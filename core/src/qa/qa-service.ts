// The QA engine as a service: the events topic in, qa.flagged (and demand.categorized, demand.ts) out. Batches are handled one partition
// at a time (a contact's events share a partition, and all QA state is per contact), flags are
// published before the handler returns, and the log commits the batch only after that: a crash in
// between re-publishes the batch's flags with the same ids, which sinks drop as duplicates.

import type { StarboardEvent } from "../events/index";
import { Topics } from "../events/topics";
import { decodeEventRecord, publishEvents } from "../log/typed";
import type { BatchContext, EventLog, RecordBatch, Subscription } from "../log/types";
import { replayCommitted } from "../services/router-replay";
import type { MergeItem } from "../services/time-merge";
import { type CompiledTaxonomy, compileTaxonomy, DemandTracker } from "./demand";
import { defaultDemandTaxonomy } from "./demand-taxonomy";
import { QaEngine } from "./qa-engine";
import type { RuleSet } from "./rule-set";

export interface QaServiceOptions {
  log: EventLog;
  rules: RuleSet;
  /** Consumer group (default "qa"): its committed offsets mark what has been scanned. */
  groupId?: string;
  /** Restart: a partition silent this long during the state rebuild counts as finished (default 5,000 ms). */
  replayIdleMs?: number;
  /** The demand taxonomy (demand.categorized events); default the built-in bilingual one, null for none. */
  demand?: CompiledTaxonomy | null;
}

export interface QaServiceStats {
  /** Events read on start to rebuild per-contact state (no flags published for them). */
  replayed: number;
  /** Messages and segments scanned live. */
  scanned: number;
  /** qa.flagged events published. */
  flagged: number;
  /** demand.categorized events published. */
  categorized: number;
  /** demand.taxonomy-saved applied (replayed ones included), and saved taxonomies refused as invalid. */
  taxonomyEdits: number;
  invalidTaxonomies: number;
  /** Records that were not a valid event: sent to the dead-letter topic with the parse error. */
  deadLettered: number;
  /** qa.rule-saved / qa.rule-removed applied (replayed ones included), and saved rules refused as invalid. */
  ruleEdits: number;
  invalidRules: number;
}

export interface QaService {
  readonly stats: QaServiceStats;
  /** New configured rules take effect from the next line; qa.rule-saved / -removed from the log still apply on top. */
  setRules(rules: RuleSet): void;
  stop(): Promise<void>;
}

const scanned = new Set(["message.received", "message.sent", "transcript.segment"]);

export async function startQaService(options: QaServiceOptions): Promise<QaService> {
  const { log } = options;
  const groupId = options.groupId ?? "qa";
  const engine = new QaEngine(options.rules);
  const taxonomy = options.demand === undefined ? compileTaxonomy(defaultDemandTaxonomy) : options.demand;
  const demand = taxonomy === null ? undefined : new DemandTracker(taxonomy);
  // Both read the same lines: flags for reviewers, demand terms for reports.
  const handle = (event: StarboardEvent): StarboardEvent[] => {
    const out: StarboardEvent[] = engine.handle(event);
    const terms = demand?.handle(event);
    if (terms !== undefined) out.push(terms);
    return out;
  };
  const stats: QaServiceStats = {
    replayed: 0,
    scanned: 0,
    flagged: 0,
    categorized: 0,
    taxonomyEdits: 0,
    invalidTaxonomies: 0,
    deadLettered: 0,
    ruleEdits: 0,
    invalidRules: 0,
  };
  const countEdits = () => {
    stats.ruleEdits = engine.ruleEdits.applied;
    stats.invalidRules = engine.ruleEdits.invalid;
    stats.taxonomyEdits = demand?.edits.applied ?? 0;
    stats.invalidTaxonomies = demand?.edits.invalid ?? 0;
  };

  // Per-contact state (connect times, greetings said, last line) lives below the committed offsets:
  // rebuild it from the log, throwing the flags away: they were published before those commits.
  stats.replayed = await replayCommitted<StarboardEvent>({
    log,
    groupId,
    ...(options.replayIdleMs === undefined ? {} : { idleMs: options.replayIdleMs }),
    decode: (record) => {
      const decoded = decodeEventRecord(record);
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
      for (const item of items) handle(item.value);
      countEdits();
    },
  });

  // A batch whose publish fails is retried (whole, then record by record) by the log. The engine has
  // already moved on for those records (a greeting marked late, a silence measured), so handling them
  // again would lose their flags: records already fed keep their flags here until they are published.
  const fedUpTo = new Map<number, number>();
  const unpublished = new Map<number, Map<number, StarboardEvent[]>>();
  const handler = async (batch: RecordBatch, context: BatchContext) => {
    const fed = fedUpTo.get(batch.partition) ?? -1;
    let cache = unpublished.get(batch.partition);
    if (cache === undefined) {
      cache = new Map();
      unpublished.set(batch.partition, cache);
    }
    const flags: StarboardEvent[] = [];
    for (const record of batch.records) {
      if (record.offset <= fed) {
        flags.push(...(cache.get(record.offset) ?? []));
        continue;
      }
      const decoded = decodeEventRecord(record);
      if (!decoded.ok) {
        const where = decoded.error.path === "" ? "" : `${decoded.error.path}: `;
        await context.deadLetter(record, { reason: `${where}${decoded.error.reason}`, step: "qa.decode" });
        stats.deadLettered += 1;
      } else {
        if (scanned.has(decoded.event.type)) stats.scanned += 1;
        const out = handle(decoded.event);
        if (out.length > 0) cache.set(record.offset, out);
        flags.push(...out);
      }
      fedUpTo.set(batch.partition, record.offset);
    }
    countEdits();
    if (flags.length > 0) {
      await publishEvents(log, flags);
      const categorized = flags.filter((e) => e.type === "demand.categorized").length;
      stats.categorized += categorized;
      stats.flagged += flags.length - categorized;
    }
    for (const record of batch.records) cache.delete(record.offset);
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
