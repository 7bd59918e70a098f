import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/** The two bodies the sink sends (body.ts): a Native block into raw_events, or JSON objects into raw_event_input. */
export type SinkFormat = "Native" | "JSONEachRow";

/** A write the sink started and has not seen succeed: its token and the exact bytes it sends. */
export interface PendingInsert {
  token: string;
  format: SinkFormat;
  body: Buffer;
  /** The write's place in the sink's order: a restart finishes what it finds in this order. */
  sequence: number;
}

/** A write's file, synced under its temporary name. */
export interface StagedInsert {
  commit(): Promise<void>;
  /** Removes the temporary file: the write goes out with other rows, or not at all. */
  discard(): Promise<void>;
}

/**
 * The sink's unfinished writes, kept on disk until ClickHouse acknowledged them, so that a restart
 * finishes the same INSERTs (same token, same bytes) before it reads the log again. An INSERT that
 * failed partway, or was cut off by the process dying, may have written some tables and not others;
 * only the same token completes it, and the log's redelivery after a restart is another grouping
 * with another token (see write.ts).
 *
 * Two files per consumer group, because the sink prepares its next write while the current one
 * inserts (write.ts): `<dir>/<group>.pending` for even sequence numbers and `<dir>/<group>.next.pending`
 * for odd ones, each a JSON header line then the body. A write reuses its slot only after the write
 * two before it was acknowledged. Written to a temporary file, synced and renamed, so a crash leaves
 * the old file or the new one, never half of one. Removed after the acknowledgement; a removal lost
 * to a crash only makes the restart send a write ClickHouse already has, which its token drops.
 */
export class PendingWrites {
  private readonly files: readonly [string, string];

  constructor(dir: string, groupId: string) {
    if (!/^[A-Za-z0-9._-]+$/.test(groupId))
      throw new Error(`sink group id not usable as a file name: ${groupId}`);
    this.files = [join(dir, `${groupId}.pending`), join(dir, `${groupId}.next.pending`)];
  }

  private fileOf(sequence: number): string {
    return this.files[sequence % 2 === 0 ? 0 : 1];
  }

  async keep(pending: PendingInsert): Promise<void> {
    await (await this.stage(pending)).commit();
  }

  /**
   * Writes and syncs the write's bytes under a temporary name that a restart does not read;
   * `commit` then renames it into place. The sink stages a write while its duplicate lookup runs
   * and commits it only if the lookup kept every row: a file naming rows that are already stored
   * would insert them again at a restart, under another token.
   */
  async stage(pending: PendingInsert): Promise<StagedInsert> {
    const file = this.fileOf(pending.sequence);
    await mkdir(dirname(file), { recursive: true });
    const header = Buffer.from(
      `${JSON.stringify({ token: pending.token, bytes: pending.body.length, sequence: pending.sequence, format: pending.format })}\n`,
    );
    const temporary = `${file}.tmp`;
    const handle = await open(temporary, "w");
    try {
      await handle.writev([header, pending.body]);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return {
      commit: async () => {
        await rename(temporary, file);
        await syncDirectory(dirname(file));
      },
      discard: () => rm(temporary, { force: true }),
    };
  }

  /**
   * The unfinished writes in the order they were started; a file that does not read back whole is
   * an error, not ignored.
   */
  async read(): Promise<PendingInsert[]> {
    const found: PendingInsert[] = [];
    for (const file of this.files) {
      const pending = await readPending(file);
      if (pending !== undefined) found.push(pending);
    }
    return found.sort((a, b) => a.sequence - b.sequence);
  }

  async done(pending: Pick<PendingInsert, "sequence">): Promise<void> {
    await rm(this.fileOf(pending.sequence), { force: true });
  }
}

async function readPending(file: string): Promise<PendingInsert | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const end = bytes.indexOf(0x0a);
  const header = end < 0 ? undefined : parseHeader(bytes.subarray(0, end).toString("utf8"));
  const body = bytes.subarray(end + 1);
  if (header === undefined || header.bytes !== body.length) {
    throw new Error(
      `${file}: not a whole pending sink write (expected a header line and its body); ` +
        "move it aside to start without it, knowing its events may be missing from some views",
    );
  }
  return { token: header.token, format: header.format, body, sequence: header.sequence };
}

interface Header {
  token: string;
  bytes: number;
  sequence: number;
  format: SinkFormat;
}

function parseHeader(text: string): Header | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return undefined;
    const { token, bytes, sequence, format } = value as Partial<Record<keyof Header, unknown>>;
    if (typeof token !== "string" || typeof bytes !== "number") return undefined;
    // A file from before the Native body holds JSON objects.
    if (format !== undefined && format !== "Native" && format !== "JSONEachRow") return undefined;
    const kept = { token, bytes, format: (format ?? "JSONEachRow") as SinkFormat };
    // A file from before the sink prepared ahead has no sequence: it was the only one.
    if (sequence === undefined) return { ...kept, sequence: 0 };
    return Number.isSafeInteger(sequence) ? { ...kept, sequence: sequence as number } : undefined;
  } catch {
    return undefined;
  }
}

/** The rename is durable only once its directory is. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
