import { Topics } from "../events/topics";
import { errorMessage } from "../log/errors";
import type { EventLog, LogRecord, PublishAck, Subscription } from "../log/types";
import type { CustomerDirectory } from "./directory";
import { type CustomerRecord, customerRecordSchema } from "./record";

// The directory's compacted topic: key = customer id, value = the record as JSON, an empty value
// removes the customer (Kafka's tombstone). Every process that recognizes customers reads it whole,
// from the start, and keeps following it, so a CRM sync that publishes a change is seen within a
// poll everywhere without a restart.

/** Puts customers (or, for ids given as `removed`, tombstones) on the directory topic. */
export function publishCustomers(
  log: EventLog,
  records: readonly CustomerRecord[],
  removed: readonly string[] = [],
): Promise<PublishAck[]> {
  return log.publish(Topics.customers, [
    ...records.map((record) => ({ key: record.id, value: JSON.stringify(record) })),
    ...removed.map((id) => ({ key: id, value: "" })),
  ]);
}

export type DirectoryChange =
  | { type: "upsert"; record: CustomerRecord }
  | { type: "remove"; id: string }
  | { type: "refused"; reason: string };

/** One record of the topic as a directory change; a value that is not a valid record is refused. */
export function decodeCustomer(record: Pick<LogRecord, "key" | "value">): DirectoryChange {
  if (record.value.byteLength === 0) return { type: "remove", id: record.key };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(record.value).toString("utf8"));
  } catch (error) {
    return { type: "refused", reason: `not JSON: ${errorMessage(error)}` };
  }
  const result = customerRecordSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      type: "refused",
      reason: `${issue?.path.join(".") || "record"}: ${issue?.message ?? "invalid"}`,
    };
  }
  if (result.data.id !== record.key)
    return { type: "refused", reason: `key "${record.key}" is not the record's id "${result.data.id}"` };
  return { type: "upsert", record: result.data };
}

export interface FollowedDirectory {
  subscription: Subscription;
  /** Resolves once everything on the topic when following began has been applied. */
  caughtUp: Promise<void>;
}

/**
 * Applies the topic to `directory`, from its first record on. `groupId` must be this process's own
 * (a shared group would split the partitions between processes and each would see part of it).
 */
export async function followCustomers(
  log: EventLog,
  directory: CustomerDirectory,
  groupId: string,
): Promise<FollowedDirectory> {
  const target = await log.endOffsets(Topics.customers);
  const remaining = new Set([...target].filter(([, end]) => end > 0).map(([partition]) => partition));
  let markCaughtUp: () => void = () => {};
  const caughtUp = new Promise<void>((resolve) => {
    markCaughtUp = resolve;
  });
  if (remaining.size === 0) markCaughtUp();
  const subscription = await log.subscribe({
    groupId,
    topics: [Topics.customers],
    startAt: "earliest",
    handler: async (batch, context) => {
      for (const record of batch.records) {
        const change = decodeCustomer(record);
        if (change.type === "upsert") directory.upsert(change.record);
        else if (change.type === "remove") directory.remove(change.id);
        else await context.deadLetter(record, { reason: change.reason, step: "customers.decode" });
        if (record.offset + 1 >= (target.get(record.partition) ?? 0)) remaining.delete(record.partition);
      }
      if (remaining.size === 0) markCaughtUp();
    },
  });
  return { subscription, caughtUp };
}
