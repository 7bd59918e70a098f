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
    expect(await pending.read()).toEqual([]);
    const body = Buffer.from('{"id":"a"}\n{"id":"坐席"}\n');
    await pending.keep({ token: "t-1", format: "Native", body, sequence: 4 });
    // The re-serialized retry of the same write replaces it, in the other format.
    await pending.keep({
      token: "t-1",
      format: "JSONEachRow",
      body: Buffer.concat([body, Buffer.from('{"id":"b"}\n')]),
      sequence: 4,
    });
    const read = await pending.read();
    expect(read.map((p) => [p.token, p.format, p.sequence, p.body.toString()])).toEqual([
      ["t-1", "JSONEachRow", 4, '{"id":"a"}\n{"id":"坐席"}\n{"id":"b"}\n'],
    ]);
    await pending.done({ sequence: 4 });
    expect(await pending.read()).toEqual([]);
    await pending.done({ sequence: 4 });
  });

  it("keeps the write in flight and the one prepared behind it, and reads them in order", async () => {
    const pending = new PendingWrites(dir, "two");
    await pending.keep({ token: "t-7", format: "Native", body: Buffer.from("seven\n"), sequence: 7 });
    await pending.keep({ token: "t-8", format: "JSONEachRow", body: Buffer.from("eight\n"), sequence: 8 });
    expect((await pending.read()).map((p) => p.token)).toEqual(["t-7", "t-8"]);
    // The write after next takes the acknowledged write's slot.
    await pending.done({ sequence: 7 });
    await pending.keep({ token: "t-9", format: "Native", body: Buffer.from("nine\n"), sequence: 9 });
    expect((await pending.read()).map((p) => [p.token, p.format, p.body.toString()])).toEqual([
      ["t-8", "JSONEachRow", "eight\n"],
      ["t-9", "Native", "nine\n"],
    ]);
  });

  it("reads a staged write back only once it is committed", async () => {
    const pending = new PendingWrites(dir, "staged");
    const staged = await pending.stage({
      token: "t-3",
      format: "Native",
      body: Buffer.from("three\n"),
      sequence: 3,
    });
    expect(await pending.read()).toEqual([]);
    await staged.commit();
    expect((await pending.read()).map((p) => [p.token, p.body.toString()])).toEqual([["t-3", "three\n"]]);
  });

  it("reads a file an earlier sink left without a sequence number or a format (JSON objects)", async () => {
    writeFileSync(join(dir, "older.pending"), '{"token":"t-old","bytes":4}\nbody');
    const read = await new PendingWrites(dir, "older").read();
    expect(read.map((p) => [p.token, p.format, p.sequence, p.body.toString()])).toEqual([
      ["t-old", "JSONEachRow", 0, "body"],
    ]);
  });

  it.each([
    { name: "no header line", text: "just bytes" },
    { name: "a header that is not JSON", text: "tok\nbody" },
    { name: "a body shorter than its header says", text: '{"token":"t","bytes":99}\nshort' },
    { name: "a header without a token", text: '{"bytes":4}\nbody' },
    { name: "a sequence that is not a whole number", text: '{"token":"t","bytes":4,"sequence":"1"}\nbody' },
    { name: "a format the sink does not write", text: '{"token":"t","bytes":4,"format":"CSV"}\nbody' },
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
