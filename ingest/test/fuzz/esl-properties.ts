import assert from "node:assert/strict";
import fc from "fast-check";
import { parseJsonEvent, parsePlainEvent } from "../../src/esl/event-body";
import { EslFrameParser, type FrameParserOptions } from "../../src/esl/frame-parser";
import type { FrameErrorCode, FrameResult } from "../../src/esl/frame-types";
import { FsHeaders } from "../../src/esl/headers";
import { decodeHeaderValue, encodeHeaderValue } from "../../src/esl/url-decode";
import { chunked, cuts, expectedFrame, frameSpec, renderFrame, summarize, wireNoise } from "./esl-frames";
import { type FuzzTarget, pureTarget } from "./target";

const codes: readonly FrameErrorCode[] = [
  "garbage",
  "truncated",
  "header-too-large",
  "body-too-large",
  "bad-content-length",
  "missing-content-type",
  "invalid-json",
  "malformed-event",
];

/** Feeds the chunks, checking after each that the parser holds no more than a frame's worth. */
function parse(chunks: readonly Uint8Array[], options: FrameParserOptions = {}): FrameResult[] {
  const parser = new EslFrameParser(options);
  const bound = (options.maxHeaderBytes ?? 64 * 1024) + (options.maxBodyBytes ?? 4 * 1024 * 1024);
  const out: FrameResult[] = [];
  for (const chunk of chunks) {
    out.push(...parser.push(chunk));
    assert.ok(parser.buffered <= bound + chunk.length, `parser holds ${parser.buffered} bytes`);
  }
  out.push(...parser.end());
  assert.equal(parser.buffered, 0, "bytes left after end()");
  for (const r of out) {
    if (r.ok) continue;
    assert.ok(codes.includes(r.error.code), `unknown error code ${r.error.code}`);
    assert.ok(r.error.message.length > 0, "an error without a message");
  }
  return out;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** Any bytes, any split: typed results only, and the same results whatever the split. */
const anyBytes = pureTarget(
  "esl: any bytes, any split",
  400,
  fc.record({ bytes: wireNoise, at: cuts }),
  ({ bytes, at }) => {
    const whole = parse([bytes]).map((r) => summarize(r));
    assert.deepStrictEqual(
      parse(chunked(bytes, at)).map((r) => summarize(r)),
      whole,
    );
  },
  ({ bytes }) => latin1(bytes),
);

/** Valid frames come back exactly as written, however TCP cuts them. */
const roundTrip = pureTarget(
  "esl: valid frames round-trip under any split",
  300,
  fc.record({ frames: fc.array(frameSpec, { minLength: 1, maxLength: 6 }), at: cuts }),
  ({ frames, at }) => {
    const bytes = Buffer.concat(frames.map((f) => renderFrame(f)));
    const expected = frames.map(expectedFrame);
    assert.deepStrictEqual(
      parse([bytes]).map((r) => summarize(r)),
      expected,
    );
    assert.deepStrictEqual(
      parse(chunked(bytes, at)).map((r) => summarize(r)),
      expected,
    );
  },
  ({ frames }) => latin1(Buffer.concat(frames.map((f) => renderFrame(f)))),
);

/** A Content-Length that is not a byte count is refused as such, whatever follows it. */
const badLength = fc
  .oneof(
    fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
    fc.constantFrom("-1", "1e3", "0x10", "+5", "1.5", "", "NaN", "Infinity", "9".repeat(16)),
    fc.bigInt({ min: 10n ** 15n, max: 10n ** 30n }).map(String),
  )
  .map((s) => s.replace(/[\r\n]/g, ""))
  .filter((s) => !/^\s*\d{1,15}\s*$/.test(s));
const corruptLength = pureTarget(
  "esl: corrupt Content-Length",
  300,
  fc.record({
    frame: frameSpec.filter((f) => f.kind !== "reply"),
    length: badLength,
    after: wireNoise,
    at: cuts,
  }),
  ({ frame, length, after, at }) => {
    const bytes = Buffer.concat([renderFrame(frame, length), after]);
    const [first] = parse(chunked(bytes, at));
    assert.ok(first !== undefined && !first.ok, "a frame with a bad Content-Length was accepted");
    assert.equal(first.error.code, "bad-content-length");
    assert.match(first.error.message, /^Content-Length /);
  },
  ({ frame, length }) => latin1(renderFrame(frame, length)),
);

/** A header block over the limit is refused (bounded memory), and the next frame still parses. */
const maxHeaderBytes = 512;
const hugeHeaders = pureTarget(
  "esl: huge header blocks",
  200,
  fc.record({
    lines: fc.array(
      fc.oneof(
        fc.stringMatching(/^[A-Za-z-]{1,12}: [ -~]{0,200}$/),
        fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 300 }).map((s) => s.replace(/\n/g, " ")),
      ),
      { minLength: 1, maxLength: 20 },
    ),
    next: frameSpec,
    at: cuts,
  }),
  ({ lines, next, at }) => {
    let block = lines.join("\n");
    while (block.length <= maxHeaderBytes) block += `\nX-Pad: ${block.length}`;
    const bytes = Buffer.concat([Buffer.from(`${block}\n\n`, "latin1"), renderFrame(next)]);
    for (const split of [[bytes], chunked(bytes, at)]) {
      const results = parse(split, { maxHeaderBytes });
      const last = results.pop();
      assert.ok(last !== undefined);
      assert.deepStrictEqual(summarize(last), expectedFrame(next));
      assert.ok(
        results.some((r) => !r.ok && r.error.code === "header-too-large"),
        `no header-too-large among ${JSON.stringify(results.map((r) => summarize(r, false)))}`,
      );
    }
  },
  ({ lines }) => lines.join("\n"),
);

/**
 * Bad lines in a header block cost one refusal for the whole block (so one dead letter, and work
 * linear in the block), and the frame after the block still parses.
 */
const garbageLine = fc
  .string({ unit: "grapheme-ascii", minLength: 1, maxLength: 30 })
  .map((s) => s.replace(/[\r\n]/g, "."))
  .filter((s) => !/^[A-Za-z0-9][A-Za-z0-9_.-]*: /.test(s));
const garbageBlocks = pureTarget(
  "esl: garbage header blocks",
  300,
  fc.record({
    lines: fc.array(fc.oneof(garbageLine, fc.stringMatching(/^X-[A-Za-z]{1,8}: [ -~]{0,20}$/)), {
      minLength: 1,
      maxLength: 40,
    }),
    next: frameSpec,
    at: cuts,
  }),
  ({ lines, next, at }) => {
    const bytes = Buffer.concat([Buffer.from(`${lines.join("\n")}\n\n`, "latin1"), renderFrame(next)]);
    const results = parse(chunked(bytes, at)).map((r) => summarize(r, false));
    const last = results.pop();
    assert.deepStrictEqual(last, expectedFrame(next));
    const codes = results.map((r) => ("error" in r ? r.error : r.type));
    assert.ok(codes.filter((c) => c === "garbage").length <= 1, `several refusals: ${codes.join(", ")}`);
    assert.ok(
      codes.every((c) => c === "garbage" || c === "missing-content-type"),
      codes.join(", "),
    );
    assert.ok(results.length >= 1, "a block without Content-Type was not refused");
  },
  ({ lines }) => lines.join("\n"),
);

/** A stream that stops inside a frame ends with exactly one `truncated` refusal. */
const truncated = pureTarget(
  "esl: truncated frames",
  300,
  fc
    .record({ frame: frameSpec.filter((f) => f.kind !== "reply"), cut: fc.nat(), at: cuts })
    .map(({ frame, cut, at }) => {
      const bytes = renderFrame(frame);
      return { bytes: bytes.subarray(0, 1 + (cut % (bytes.length - 1))), at };
    }),
  ({ bytes, at }) => {
    const results = parse(chunked(bytes, at)).map((r) => summarize(r, false));
    assert.equal(results.length, 1, JSON.stringify(results));
    assert.equal((results[0] as { error?: string }).error, "truncated");
  },
  ({ bytes }) => latin1(bytes),
);

/** Plain and JSON event bodies of any shape: a typed event or a reason; reading every header never throws. */
/** Keys that are also names on Object.prototype: a header may be called anything. */
const jsonKey = fc.oneof(
  fc.string(),
  fc.constantFrom("toString", "valueOf", "__proto__", "constructor", "_body"),
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(jsonKey, tie("value"), { maxKeys: 4 }),
  ),
})).value;
const eventJson = fc
  .record({
    name: fc.option(fc.string(), { nil: undefined }),
    rest: fc.dictionary(jsonKey, fc.oneof(fc.string(), jsonish)),
  })
  .map(({ name, rest }) => JSON.stringify(name === undefined ? rest : { "Event-Name": name, ...rest }));
const eventBodies = pureTarget(
  "esl: event bodies (plain and JSON)",
  500,
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    eventJson,
    fc
      .array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 20 })))
      .map((pairs) => `${pairs.map(([n, v]) => `${n}: ${v}`).join("\n")}\n\n`),
  ),
  (text) => {
    for (const parsed of [parsePlainEvent(text), parseJsonEvent(text)]) {
      if (!parsed.ok) {
        assert.ok(parsed.reason.length > 0);
        continue;
      }
      assert.ok(parsed.event.headers.has("Event-Name"));
      const entries = parsed.event.headers.entries();
      const object = parsed.event.headers.toObject();
      // The first value of every name as spelled (x and X both kept: a dump shows what came),
      // whatever the name (constructor, __proto__, toString...).
      for (const [name] of entries) assert.equal(object[name], entries.find(([n]) => n === name)?.[1]);
      assert.equal(Object.keys(object).length, new Set(entries.map(([n]) => n)).size);
    }
  },
  (text) => text,
);

/** Url-decoding never throws; decoding what the encoder wrote gives the value back. */
const urlValues = pureTarget(
  "esl: url-encoded header values",
  1000,
  fc.record({
    raw: fc.string({ unit: "binary", maxLength: 40 }),
    value: fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc
        .array(
          fc.oneof(fc.string({ unit: "grapheme", maxLength: 4 }), fc.constantFrom("%", "%E9", "%zz", "100%")),
          { maxLength: 6 },
        )
        .map((parts) => parts.join("")),
    ),
  }),
  ({ raw, value }) => {
    assert.equal(typeof decodeHeaderValue(raw), "string");
    // Text with no %XX escape in it has nothing to decode: a stray `%` stays, and so does the rest.
    if (!/%[0-9A-Fa-f]{2}/.test(value)) assert.equal(decodeHeaderValue(value), value);
    // The encoder keeps an existing `%XX` as FreeSWITCH does, so such values do not round-trip.
    if (/%[0-9A-F]{2}/.test(value)) return;
    assert.equal(decodeHeaderValue(encodeHeaderValue(value)), value);
    const headers = new FsHeaders();
    headers.addEncoded("X", encodeHeaderValue(value));
    assert.equal(headers.get("x"), value);
  },
  ({ raw }) => raw,
);

export const eslTargets: readonly FuzzTarget[] = [
  anyBytes,
  roundTrip,
  corruptLength,
  hugeHeaders,
  garbageBlocks,
  truncated,
  eventBodies,
  urlValues,
];
