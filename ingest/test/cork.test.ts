import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { corkForTurn } from "../src/cork";

/** A stream that records each call to the kernel-facing side: one entry per write or writev. */
function recording(): { stream: Writable; calls: string[][] } {
  const calls: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map((c) => String(c.chunk)));
      done();
    },
  });
  return { stream, calls };
}

describe("corkForTurn", () => {
  it("sends what one turn writes as one writev, in order, and uncorks once however often it was called", async () => {
    const { stream, calls } = recording();
    for (const frame of ["a", "b", "c"]) {
      corkForTurn(stream);
      stream.write(frame);
    }
    expect(calls).toEqual([]);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(calls).toEqual([["a", "b", "c"]]);
    expect(stream.writableCorked).toBe(0);
    // The next turn corks again.
    corkForTurn(stream);
    stream.write("d");
    stream.write("e");
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
    expect(stream.writableCorked).toBe(0);
  });

  it("without it, each write is its own call", async () => {
    const { stream, calls } = recording();
    stream.write("a");
    stream.write("b");
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.length).toBeGreaterThan(1);
  });
});
