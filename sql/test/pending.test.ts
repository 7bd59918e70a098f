import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PendingWrites } from "../src/sink/pending";

const dir = mkdtempSync(join(tmpdir(), "starboard-pending-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("PendingWrites", () => {
  it("keeps a write's token and exact bytes until done", async () => {
    const pending = new PendingWrites(join(dir, "nested"), "sql-sink");
    expect(await pending.read()).toBeUndefined();
    const body = Buffer.from('{"id":"a"}\n{"id":"坐席"}\n');
    await pending.keep({ token: "t-1", body });
    await pending.keep({ token: "t-2", body: Buffer.concat([body, Buffer.from('{"id":"b"}\n')]) });
    const read = await pending.read();
    expect(read?.token).toBe("t-2");
    expect(read?.body.toString()).toBe('{"id":"a"}\n{"id":"坐席"}\n{"id":"b"}\n');
    await pending.done();
    expect(await pending.read()).toBeUndefined();
    await pending.done();
  });

  it.each([
    { name: "no header line", text: "just bytes" },
    { name: "a header that is not JSON", text: "tok\nbody" },
    { name: "a body shorter than its header says", text: '{"token":"t","bytes":99}\nshort' },
    { name: "a header without a token", text: '{"bytes":4}\nbody' },
  ])("refuses a file with $name, naming it", async ({ text }) => {
    const pending = new PendingWrites(dir, "damaged");
    writeFileSync(join(dir, "damaged.pending"), text);
    await expect(pending.read()).rejects.toThrow(/damaged\.pending: not a whole pending sink write/);
    expect(readFileSync(join(dir, "damaged.pending"), "utf8")).toBe(text);
  });

  it("refuses a group id that is not a plain file name", () => {
    expect(() => new PendingWrites(dir, "../elsewhere")).toThrow(/not usable as a file name/);
  });
});
