import { errorMessage, isTransient } from "./errors";
import type { BatchContext, BatchHandler, RecordBatch, RetryPolicy } from "./types";

export const defaultRetryPolicy: RetryPolicy = {
  initialDelayMs: 50,
  maxDelayMs: 5_000,
  attemptsBeforeIsolation: 3,
};

export type BatchOutcome = { type: "done" } | { type: "stopped" };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a handler over one partition's batch with the same semantics on every adapter:
 * - success: done, the caller commits past the batch;
 * - TransientError: retry the whole batch with backoff until it succeeds or the subscription stops;
 * - any other error, repeatedly: retry record by record, and a record that still fails goes to the
 *   dead-letter topic with the error as its reason, so one poison record cannot stall a partition.
 * "stopped" means nothing past the last commit may be committed: the batch will be redelivered.
 */
export async function runBatch(
  batch: RecordBatch,
  handler: BatchHandler,
  context: BatchContext,
  policy: RetryPolicy,
  step: string,
): Promise<BatchOutcome> {
  if (batch.records.length === 1) return runSingle(batch, handler, context, policy, step);
  let delay = policy.initialDelayMs;
  let failures = 0;
  for (;;) {
    if (!context.isRunning()) return { type: "stopped" };
    try {
      await handler(batch, context);
      return { type: "done" };
    } catch (error) {
      if (!isTransient(error)) failures++;
      if (failures >= policy.attemptsBeforeIsolation) break;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
  for (const record of batch.records) {
    const single: RecordBatch = { topic: batch.topic, partition: batch.partition, records: [record] };
    const outcome = await runSingle(single, handler, context, policy, step);
    if (outcome.type === "stopped") return outcome;
  }
  return { type: "done" };
}

async function runSingle(
  single: RecordBatch,
  handler: BatchHandler,
  context: BatchContext,
  policy: RetryPolicy,
  step: string,
): Promise<BatchOutcome> {
  let delay = policy.initialDelayMs;
  let failures = 0;
  for (;;) {
    if (!context.isRunning()) return { type: "stopped" };
    try {
      await handler(single, context);
      return { type: "done" };
    } catch (error) {
      if (!isTransient(error)) {
        failures++;
        const record = single.records[0];
        if (failures >= policy.attemptsBeforeIsolation && record !== undefined) {
          await context.deadLetter(record, { reason: errorMessage(error), step });
          return { type: "done" };
        }
      }
    }
    await sleep(delay);
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
}

export function retryPolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  return { ...defaultRetryPolicy, ...overrides };
}
