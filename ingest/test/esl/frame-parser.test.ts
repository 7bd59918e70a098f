import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ByteQueue } from "../../src/esl/byte-queue";
import { parsePlainEvent } from "../../src/esl/event-body";
import { EslFrameParser } from "../../src/esl/frame-parser";
import type { FrameResult } from "../../src/esl/frame-types";
import { decodeHeaderValue, encodeHeaderValue } from "../../src/esl/url-decode";

const frame = (headers: string, body = "") =>
  `${headers}${body === "" ? "" : `Content-Length: ${Buffer.byteLength(body)}\n`}\n${body}`;

function parseAll(input: string | Buffer, options = {}): FrameResult[] {
  const parser = new EslFrameParser(options);
  return [...parser.push(typeof input === "string" ? Buffer.from(input) : input), ...parser.end()];
}

const summary = (r: FrameResult) => (r.ok ? r.frame.type : `error:${r.error.code}`);

describe("frame types", () => {
  it.each([
    ["auth/request", "Content-Type: auth/request\n\n", "auth/request"],
    ["command/reply", "Content-Type: command/reply\nReply-Text: +OK accepted\n\n", "command/reply"],
    ["api/response", frame("Content-Type: api/response\n", "+OK\n"), "api/response"],
    ["log/data", frame("Content-Type: log/data\n", "[DEBUG] x\n"), "log/data"],
    [
      "disconnect",
      frame("Content-Type: text/disconnect-notice\n", "Disconnected, goodbye.\n"),
      "text/disconnect-notice",
    ],
    [
      "plain event",
      frame("Content-Type: text/event-plain\n", "Event-Name: HEARTBEAT\n\n"),
      "text/event-plain",
    ],
    ["json event", frame("Content-Type: text/event-json\n", '{"Event-Name":"HEARTBEAT"}'), "text/event-json"],
    ["unknown type kept", frame("Content-Type: text/rude-rejection\n", "Access Denied\n"), "other"],
  ])("%s", (_name, input, type) => {
    const results = parseAll(input);
    expect(results.map(summary)).toEqual([type]);
  });

  it("command/reply exposes Reply-Text and extra headers (bgapi Job-UUID)", () => {
    const [r] = parseAll("Content-Type: command/reply\nReply-Text: +OK Job-UUID: abc\nJob-UUID: abc\n\n");
    expect(
      r?.ok && r.frame.type === "command/reply" && [r.frame.replyText, r.frame.headers.get("job-uuid")],
    ).toEqual(["+OK Job-UUID: abc", "abc"]);
  });
});

describe("plain event bodies", () => {
  it.each([
    ["%2B8613800138000", "+8613800138000"],
    ["2012-10-05%2013%3A41%3A38", "2012-10-05 13:41:38"],
    ["a+b", "a+b"],
    ["Andr%E9", "André"],
    ["%E4%B8%AD%E6%96%87", "中文"],
    ["100%", "100%"],
    ["%zz%4", "%zz%4"],
    ["mixed %E9 and %E4%B8%AD", "mixed é and ä¸­"],
  ])("decodes %s defensively", (raw, decoded) => {
    expect(decodeHeaderValue(raw)).toBe(decoded);
  });

  it.each([
    ["+8613800138000", "%2B8613800138000"],
    ["2012-10-05 13:41:38", "2012-10-05%2013%3A41%3A38"],
    ["already %3A encoded", "already%20%3A%20encoded"],
    ["中", "%E4%B8%AD"],
  ])("encodes %s as switch_url_encode does", (value, encoded) => {
    expect(encodeHeaderValue(value)).toBe(encoded);
  });

  it("lets go of the event's text once only values read from it are kept", () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    v8.setFlagsFromString("--no-expose-gc");
    const eventText = (n: number) =>
      // From bytes, as the frame parser makes it: one flat string per event, 64 KB each.
      Buffer.from(
        `Event-Name: CHANNEL_CREATE\nUnique-ID: ${String(n).padStart(8, "0")}-b34f-4c67-9c55-ba335bb6b1ab\n` +
          `Caller-Caller-ID-Name: Andr%E9%20${n}\nX-Padding: ${"a".repeat(65_536)}\n\n`,
      ).toString();
    gc();
    const before = v8.getHeapStatistics().used_heap_size;
    const kept: string[] = [];
    for (let n = 0; n < 300; n++) {
      const parsed = parsePlainEvent(eventText(n));
      if (!parsed.ok) throw new Error(parsed.reason);
      kept.push(
        parsed.event.headers.get("Unique-ID") ?? "",
        parsed.event.headers.get("Caller-Caller-ID-Name") ?? "",
      );
    }
    gc();
    const grown = v8.getHeapStatistics().used_heap_size - before;
    expect(kept[598]).toBe("00000299-b34f-4c67-9c55-ba335bb6b1ab");
    expect(kept[599]).toBe("André 299");
    // 300 texts of 64 KB are ~19.7 MB; the 600 values kept are a few dozen KB.
    expect(grown).toBeLessThan(2_000_000);
  });

  it("keeps every value of a repeated header, first wins for get()", () => {
    const r = parsePlainEvent(
      "Event-Name: CHANNEL_HANGUP_COMPLETE\nHangup-Cause: NORMAL_CLEARING\nHangup-Cause: USER_BUSY\n\n",
    );
    expect(r.ok && [r.event.headers.get("Hangup-Cause"), r.event.headers.all("hangup-cause")]).toEqual([
      "NORMAL_CLEARING",
      ["NORMAL_CLEARING", "USER_BUSY"],
    ]);
  });

  it("reads the event's own body after its Content-Length", () => {
    const r = parsePlainEvent("Event-Name: BACKGROUND_JOB\nJob-UUID: j1\nContent-Length: 7\n\n+OK abc");
    expect(r.ok && r.event.body).toBe("+OK abc");
  });

  it("reads CRLF lines, a value without the space, an empty value and a colon inside a value", () => {
    const r = parsePlainEvent("Event-Name: X\r\nA:tight\r\nB: \r\nC: a%3Ab:c\r\nD: 100%25\r\n\r\n");
    expect(r.ok && r.event.headers.entries()).toEqual([
      ["Event-Name", "X"],
      ["A", "tight"],
      ["B", ""],
      ["C", "a:b:c"],
      ["D", "100%"],
    ]);
  });

  it.each([
    ["no Event-Name", "Job-UUID: x\n\n"],
    ["a line without a name", "Event-Name: X\n: nameless\n\n"],
    ["a line without a colon (before one that has it)", "Event-Name: X\nnocolon\nB: c\n\n"],
  ])("refuses %s", (_name, body) => {
    expect(parsePlainEvent(body).ok).toBe(false);
  });
});

describe("json event bodies", () => {
  it("reads arrays as repeated headers and _body as the body", () => {
    const [r] = parseAll(
      frame("Content-Type: text/event-json\n", '{"Event-Name":"X","Hangup-Cause":["A","B"],"_body":"+OK j"}'),
    );
    expect(
      r?.ok &&
        r.frame.type === "text/event-json" && [r.frame.event.headers.all("Hangup-Cause"), r.frame.event.body],
    ).toEqual([["A", "B"], "+OK j"]);
  });
});

describe("bad input never stops the stream", () => {
  const good = frame("Content-Type: text/event-plain\n", "Event-Name: HEARTBEAT\n\n");
  it.each([
    ["stray text before a frame", `uuid_transfer ${good}`, ["error:garbage", "text/event-plain"]],
    [
      "binary garbage line",
      Buffer.concat([Buffer.from([0, 1, 2, 255, 10]), Buffer.from(good)]),
      ["error:garbage", "text/event-plain"],
    ],
    [
      "invalid JSON",
      `${frame("Content-Type: text/event-json\n", "{nope")}${good}`,
      ["error:invalid-json", "text/event-plain"],
    ],
    [
      "bad Content-Length",
      `Content-Type: text/event-plain\nContent-Length: 12x\n\n${good}`,
      ["error:bad-content-length", "text/event-plain"],
    ],
    [
      "no Content-Type",
      `Content-Length: 3\n\nabc${good}`,
      ["error:missing-content-type", "text/event-plain"],
    ],
    [
      "malformed plain event",
      `${frame("Content-Type: text/event-plain\n", "no colon here\n\n")}${good}`,
      ["error:malformed-event", "text/event-plain"],
    ],
    [
      "truncated frame at end",
      `${good}Content-Type: text/event-plain\nContent-Length: 100\n\nEvent-Name: X`,
      ["text/event-plain", "error:truncated"],
    ],
    ["blank lines between frames", `\n\n${good}\n${good}\n`, ["text/event-plain", "text/event-plain"]],
  ])("%s", (_name, input, expected) => {
    expect(parseAll(input).map(summary)).toEqual(expected);
  });

  it("refuses a body over the limit without buffering it, then carries on", () => {
    const parser = new EslFrameParser({ maxBodyBytes: 4 * 1024 * 1024 });
    const size = 10 * 1024 * 1024;
    const results = parser.push(Buffer.from(`Content-Type: text/event-plain\nContent-Length: ${size}\n\n`));
    expect(results.map(summary)).toEqual(["error:body-too-large"]);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    for (let sent = 0; sent < size; sent += chunk.length) {
      expect(parser.push(chunk)).toEqual([]);
      expect(parser.buffered).toBe(0);
    }
    expect(parser.push(Buffer.from(good)).map(summary)).toEqual(["text/event-plain"]);
  });

  it("gives up on a header block that never ends", () => {
    const parser = new EslFrameParser({ maxHeaderBytes: 1024 });
    const results = parser.push(Buffer.from(`${"X-Junk: y\n".repeat(200)}`));
    expect(results.map(summary)).toEqual(["error:header-too-large"]);
    expect(parser.buffered).toBeLessThan(1024);
  });
});

describe("raw bytes for another parser", () => {
  it("hands back exactly the bytes of the frames keepRaw asks for, split anywhere, and none for the rest", () => {
    const reply = "Content-Type: command/reply\nReply-Text: +OK Job-UUID: j1\nJob-UUID: j1\n\n";
    const body = "Event-Name: CHANNEL_CREATE\nUnique-ID: u1\n\n";
    const event = `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;
    const job = "Event-Name: BACKGROUND_JOB\nJob-UUID: j1\nContent-Length: 3\n\n+OK";
    const jobFrame = `Content-Length: ${Buffer.byteLength(job)}\nContent-Type: text/event-plain\n\n${job}`;
    const wire = Buffer.from(`${reply}${event}\n${jobFrame}`);
    for (const cut of [1, 7, 60, wire.length - 2]) {
      const parser = new EslFrameParser({
        keepRaw: (f) =>
          f.type === "command/reply" ||
          (f.type === "text/event-plain" && f.event.headers.get("Event-Name") === "BACKGROUND_JOB"),
      });
      const results = [...parser.push(wire.subarray(0, cut)), ...parser.push(wire.subarray(cut))];
      const raws = results.map((r) => (r.ok ? r.raw?.toString("utf8") : "error"));
      expect(raws).toEqual([reply, undefined, jobFrame]);
    }
  });
});

describe("byte queue search", () => {
  it("never matches stale bytes past the end, and sees bytes appended after a search", () => {
    const q = new ByteQueue(16);
    q.append(Buffer.from("ab\n\ncd"));
    q.consume(6);
    q.append(Buffer.from("x\n"));
    // "x\n" then stale "\ncd" from the first frame: "\n\n" must not be found across the end.
    expect(q.indexOf("\n\n", q.start)).toBe(-1);
    q.append(Buffer.from("\n"));
    expect(q.indexOf("\n\n", q.start)).toBe(1);
  });
});
