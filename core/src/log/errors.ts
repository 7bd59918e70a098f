/**
 * Thrown by a handler when the failure is in the world, not in the record (ClickHouse away, a
 * network error). The batch is retried with backoff for as long as the subscription runs and is
 * never dead-lettered: a poison record is a property of the record, an outage is not.
 */
export class TransientError extends Error {
  override readonly name = "TransientError";
}

export function isTransient(error: unknown): boolean {
  return error instanceof TransientError;
}

/** A record refused at publish, with where and why. */
export class RecordRejectedError extends Error {
  override readonly name = "RecordRejectedError";
  constructor(
    readonly index: number,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`record ${index} rejected at ${path === "" ? "(root)" : path}: ${reason}`);
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
