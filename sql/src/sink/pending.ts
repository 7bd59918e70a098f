import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/** A write the sink started and has not seen succeed: its token and the exact bytes it sends. */
export interface PendingInsert {
  token: string;
  body: Buffer;
}

/**
 * The sink's unfinished write, kept on disk until ClickHouse acknowledged it, so that a restart
 * finishes the same INSERT (same token, same bytes) before it reads the log again. An INSERT that
 * failed partway, or was cut off by the process dying, may have written some tables and not others;
 * only the same token completes it, and the log's redelivery after a restart is another grouping
 * with another token (see write.ts).
 *
 * One file per consumer group: `<dir>/<group>.pending`, a JSON header line then the body. Written
 * to a temporary file, synced and renamed, so a crash leaves the old file or the new one, never
 * half of one. Removed after the acknowledgement; a removal lost to a crash only makes the restart
 * send a write ClickHouse already has, which its token drops.
 */
export class PendingWrites {
  private readonly file: string;

  constructor(dir: string, groupId: string) {
    if (!/^[A-Za-z0-9._-]+$/.test(groupId))
      throw new Error(`sink group id not usable as a file name: ${groupId}`);
    this.file = join(dir, `${groupId}.pending`);
  }

  async keep(pending: PendingInsert): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const header = Buffer.from(`${JSON.stringify({ token: pending.token, bytes: pending.body.length })}\n`);
    const temporary = `${this.file}.tmp`;
    const handle = await open(temporary, "w");
    try {
      await handle.writev([header, pending.body]);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
    await syncDirectory(dirname(this.file));
  }

  /** The unfinished write, if any; a file that does not read back whole is an error, not ignored. */
  async read(): Promise<PendingInsert | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const end = bytes.indexOf(0x0a);
    const header = end < 0 ? undefined : parseHeader(bytes.subarray(0, end).toString("utf8"));
    const body = bytes.subarray(end + 1);
    if (header === undefined || header.bytes !== body.length) {
      throw new Error(
        `${this.file}: not a whole pending sink write (expected a header line and its body); ` +
          "move it aside to start without it, knowing its events may be missing from some views",
      );
    }
    return { token: header.token, body };
  }

  async done(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

function parseHeader(text: string): { token: string; bytes: number } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return undefined;
    const { token, bytes } = value as { token?: unknown; bytes?: unknown };
    return typeof token === "string" && typeof bytes === "number" ? { token, bytes } : undefined;
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
