import { describe, expect, it } from "vitest";
import { EslFrameParser } from "../../src/esl/frame-parser";
import type { EslFrame, FrameResult } from "../../src/esl/frame-types";
import { captureNames, davecSegments, readCapture } from "./captures";

// Real FreeSWITCH wire bytes (see the captures' README): every expectation below was checked by
// hand against the files. They are read from outside the repository, never copied in.

function feed(chunks: readonly Buffer[]): FrameResult[] {
  const parser = new EslFrameParser();
  const out: FrameResult[] = [];
  for (const chunk of chunks) out.push(...parser.push(chunk));
  out.push(...parser.end());
  return out;
}

function split(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

/** A stable fingerprint of what was parsed, to compare whole-stream and split-stream runs. */
function fingerprint(results: FrameResult[]): string[] {
  return results.map((r) => {
    if (!r.ok) return `error:${r.error.code}:${r.error.raw.toString("latin1")}`;
    const f = r.frame;
    const event =
      "event" in f
        ? `${f.event.headers.get("Event-Name")}#${f.event.headers.size}#${f.event.body ?? ""}`
        : "";
    const body = "body" in f ? f.body.length : "";
    return `${f.type}|${f.headers.size}|${event}|${body}`;
  });
}

const frames = (results: FrameResult[]): EslFrame[] => results.flatMap((r) => (r.ok ? [r.frame] : []));
const eventName = (f: EslFrame | undefined) =>
  f && "event" in f ? f.event.headers.get("Event-Name") : undefined;

/** Body-only captures get the outer frame FreeSWITCH would have put around them (plus the blank line). */
function framed(name: string): Buffer {
  const bytes = readCapture(name);
  if (!name.includes(".body.")) return bytes;
  const body = Buffer.concat([bytes, Buffer.from("\n\n")]);
  return Buffer.concat([
    Buffer.from(`Content-Length: ${body.length}\nContent-Type: text/event-plain\n\n`),
    body,
  ]);
}

describe("fsock stream (2012, 127,865 bytes)", () => {
  const bytes = readCapture("fsock_test_data.esl-stream.txt");
  const results = feed([bytes]);

  it("yields 45 plain frames and one garbage refusal for the stray `uuid_transfer `", () => {
    // The README says 46; counting Content-Length headers in the file by hand gives 45.
    expect(frames(results)).toHaveLength(45);
    const errors = results.filter((r) => !r.ok);
    expect(errors.map((r) => !r.ok && [r.error.code, r.error.raw.toString()])).toEqual([
      ["garbage", "uuid_transfer "],
    ]);
    // It sits after frame 33 (a RE_SCHEDULE) and before a HEARTBEAT.
    const at = results.findIndex((r) => !r.ok);
    expect([
      eventName(frames(results.slice(0, at)).at(-1)),
      eventName(frames(results.slice(at)).at(0)),
    ]).toEqual(["RE_SCHEDULE", "HEARTBEAT"]);
  });

  it("has the event mix counted by hand", () => {
    const counts: Record<string, number> = {};
    for (const f of frames(results)) {
      const name = eventName(f) ?? "?";
      counts[name] = (counts[name] ?? 0) + 1;
    }
    expect(counts).toEqual({
      HEARTBEAT: 4,
      RE_SCHEDULE: 5,
      CHANNEL_STATE: 7,
      CODEC: 2,
      CHANNEL_CREATE: 1,
      CHANNEL_CALLSTATE: 3,
      API: 4,
      CHANNEL_EXECUTE: 7,
      CHANNEL_EXECUTE_COMPLETE: 7,
      CHANNEL_PARK: 1,
      CHANNEL_HANGUP: 1,
      CHANNEL_UNPARK: 1,
      CHANNEL_HANGUP_COMPLETE: 1,
      CHANNEL_DESTROY: 1,
    });
  });

  it("decodes the headers of the first frame and the hangup", () => {
    const first = frames(results)[0];
    expect(first?.type === "text/event-plain" && first.event.headers.toObject()).toMatchObject({
      "Event-Name": "HEARTBEAT",
      "Event-Sequence": "34262",
      "FreeSWITCH-IPv6": "::1",
      "Event-Date-Local": "2012-10-05 13:41:38",
      "Event-Info": "System Ready",
    });
    const hangup = frames(results).find((f) => eventName(f) === "CHANNEL_HANGUP_COMPLETE");
    expect(hangup && "event" in hangup && hangup.event.headers.toObject()).toMatchObject({
      "Hangup-Cause": "ORIGINATOR_CANCEL",
      "Unique-ID": "303c0f9f-4b32-4b9b-9f77-df0ca215bbe7",
      "Event-Date-Timestamp": "1349437362372974",
      variable_duration: "56",
      variable_billsec: "0",
    });
  });

  it.each([1, 2, 3, 7, 13, 64, 1460, 4096])(
    "gives the same frames when split into %i-byte segments",
    (size) => {
      expect(fingerprint(feed(split(bytes, size)))).toEqual(fingerprint(results));
    },
  );

  it("gives the same frames when split at every boundary of its first 3 frames", () => {
    const head = bytes.subarray(0, 2230);
    const whole = fingerprint(feed([head]));
    expect(whole).toHaveLength(3);
    for (let cut = 1; cut < head.length; cut++) {
      expect(fingerprint(feed([head.subarray(0, cut), head.subarray(cut)]))).toEqual(whole);
    }
  });
});

describe("single-frame captures", () => {
  it.each([
    [
      "fsock_CHANNEL_CREATE.frame.event-plain.txt",
      "CHANNEL_CREATE",
      { "Caller-Caller-ID-Number": "4986517174963", "Event-Sequence": "34268" },
    ],
    [
      "fsock_CHANNEL_HANGUP_COMPLETE.frame.event-plain.txt",
      "CHANNEL_HANGUP_COMPLETE",
      { "Hangup-Cause": "ORIGINATOR_CANCEL" },
    ],
    [
      "cgrates_CHANNEL_ANSWER.body.event-plain.txt",
      "CHANNEL_ANSWER",
      { "Answer-State": "answered", "Unique-ID": "86cfd6e2-dbda-45a3-b59d-f683ec368e8b" },
    ],
    [
      "cgrates_CHANNEL_HANGUP_COMPLETE.body.event-plain.txt",
      "CHANNEL_HANGUP_COMPLETE",
      { variable_billsec: "66", "Other-Leg-Unique-ID": "0a30dd7c-c222-482f-a322-b1218a15f8cd" },
    ],
    [
      "lluv_CHANNEL_DESTROY.frame.event-json.txt",
      "CHANNEL_DESTROY",
      { "Event-Sequence": "206140", "FreeSWITCH-IPv6": "::1" },
    ],
    [
      "lluv_CHANNEL_DESTROY.frame.event-plain.txt",
      "CHANNEL_DESTROY",
      { "Unique-ID": "e4326ec3-1d9a-44fd-917b-c5dded3c1b29", "FreeSWITCH-IPv6": "::1" },
    ],
  ])("%s", (name, event, headers) => {
    const results = feed([framed(name)]);
    expect(results.map((r) => r.ok)).toEqual([true]);
    const f = frames(results)[0];
    expect(eventName(f)).toBe(event);
    expect(f && "event" in f && f.event.headers.toObject()).toMatchObject(headers);
  });

  it("keeps both Hangup-Cause headers of the cgrates hangup", () => {
    const f = frames(feed([framed("cgrates_CHANNEL_HANGUP_COMPLETE.body.event-plain.txt")]))[0];
    expect(f && "event" in f && f.event.headers.all("Hangup-Cause")).toEqual([
      "NORMAL_CLEARING",
      "NORMAL_CLEARING",
    ]);
  });

  it("reads BACKGROUND_JOB's body and its lower-case Event-Date-timestamp", () => {
    const f = frames(feed([framed("davec82_BACKGROUND_JOB.frame.event-plain.txt")]))[0];
    expect(f?.type).toBe("text/event-plain");
    if (f?.type !== "text/event-plain") return;
    expect(f.event.body).toBe("+OK 7f4de4bc-17d7-11dd-b7a0-db4edd065621\n");
    expect(f.event.headers.get("Job-UUID")).toBe("7f4db78a-17d7-11dd-b7a0-db4edd065621");
    expect(f.event.headers.get("Event-Date-Timestamp")).toBe("1209685023894968");
    expect(f.event.headers.get("Job-Command-Arg")).toBe("sofia/default/1005 '&park'");
  });

  it("reads an api/response body of 6,872 bytes", () => {
    const f = frames(feed([framed("davec82_api-response.frame.txt")]))[0];
    expect(f?.type === "api/response" && [f.body.length, f.body.slice(0, 24)]).toEqual([
      6872,
      "Event-Name: CHANNEL_DATA",
    ]);
  });

  it("reads the disconnect notice and ignores the extra newline after it", () => {
    const results = feed([framed("davec82_disconnect-notice.frame.txt")]);
    expect(results).toHaveLength(1);
    const f = frames(results)[0];
    expect(
      f?.type === "text/disconnect-notice" && [f.body, f.headers.get("Controlled-Session-UUID")],
    ).toEqual([
      "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n",
      "4192e98c-e569-11e7-b747-73bec77e82ec",
    ]);
  });

  it("reassembles the davec82 command/reply + 9,366-byte event from its seven TCP segments", () => {
    const results = feed(davecSegments());
    expect(results.map((r) => (r.ok ? r.frame.type : r.error.code))).toEqual([
      "command/reply",
      "text/event-plain",
    ]);
    const [reply, event] = frames(results);
    expect(reply?.type === "command/reply" && reply.replyText).toBe("+OK");
    expect(eventName(event)).toBe("CHANNEL_EXECUTE_COMPLETE");
    expect(event && "event" in event && event.event.headers.get("Application-UUID")).toBe(
      "10e170a2-e2a6-11e8-b455-4b084ebbf04f",
    );
  });

  it("parses every capture in the folder without an unexpected refusal, whole and split", () => {
    const names = captureNames().filter((n) => !n.includes("tcp-segment"));
    expect(names.length).toBeGreaterThanOrEqual(9);
    for (const name of names) {
      const bytes = framed(name);
      const whole = feed([bytes]);
      const refusals = whole.filter((r) => !r.ok).length;
      expect([name, refusals]).toEqual([name, name.startsWith("fsock_test_data") ? 1 : 0]);
      for (const size of [1, 5, 100])
        expect(fingerprint(feed(split(bytes, size)))).toEqual(fingerprint(whole));
    }
  });
});
