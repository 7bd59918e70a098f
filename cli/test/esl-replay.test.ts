import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeadLetterHeaders,
  decodeEventRecord,
  InProcessEventLog,
  type LogRecord,
  type StarboardEvent,
  Topics,
} from "@starboard/core";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../src/main";
import { capture, capturePath, readCapture } from "./esl-captures";

// `starboard esl-replay` over the real FreeSWITCH captures: what a user sees on stdout/stderr, and
// with --publish what lands on the embedded log in STARBOARD_DATA_DIR.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  delete process.env.STARBOARD_DATA_DIR;
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "starboard-esl-replay-"));
  dirs.push(dir);
  return dir;
}

/** A bare event body (the cgrates captures) inside the frame mod_event_socket would put around it. */
function asFrameFile(bodyCapture: string): string {
  const body = Buffer.concat([readCapture(bodyCapture), Buffer.from("\n\n")]);
  const file = join(tempDir(), "frame.txt");
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`Content-Length: ${body.length}\nContent-Type: text/event-plain\n\n`), body]),
  );
  return file;
}

async function replay(argv: string[]) {
  const io = capture();
  const code = await main(["esl-replay", ...argv], io);
  const events = io.stdout.map((l) => JSON.parse(l) as StarboardEvent);
  return { code, events, stderr: io.stderr.join("\n") };
}

const seconds = (from: string | undefined, to: string | undefined) =>
  (Date.parse(to ?? "") - Date.parse(from ?? "")) / 1000;

describe("starboard esl-replay on real captures", () => {
  it("fsock stream: an inbound call cancelled while parked, the stray text refused and counted", async () => {
    const { code, events, stderr } = await replay([capturePath("fsock_test_data.esl-stream.txt")]);
    expect(code).toBe(0);
    expect(events.map((e) => e.type)).toEqual(["contact.created", "contact.disconnected", "contact.ended"]);
    expect(new Set(events.map((e) => e.contactId))).toEqual(
      new Set(["303c0f9f-4b32-4b9b-9f77-df0ca215bbe7"]),
    );
    expect(seconds(events[0]?.time, events[1]?.time)).toBeCloseTo(55.46, 2);
    expect(events[2]?.data).toMatchObject({
      hangupCause: "ORIGINATOR_CANCEL",
      endedBy: "customer",
      outcome: "failed",
      waitSeconds: 0,
      talkSeconds: 0,
      holdSeconds: 0,
    });
    expect(stderr).toContain("refused (esl.frame): garbage");
    expect(stderr).toContain(
      "45 frames, 45 FreeSWITCH events -> 3 Starboard events; 43 not contact facts; 1 refused",
    );
  });

  it("cgrates HANGUP_COMPLETE: a bridged call joined mid-way, 65 s talk to agent 1003, NORMAL_CLEARING", async () => {
    const { events, stderr } = await replay([
      asFrameFile("cgrates_CHANNEL_HANGUP_COMPLETE.body.event-plain.txt"),
    ]);
    expect(events.map((e) => [e.type, e.agentId])).toEqual([
      ["contact.created", undefined],
      ["contact.connected", "1003"],
      ["contact.disconnected", "1003"],
    ]);
    expect(seconds(events[1]?.time, events[2]?.time)).toBeCloseTo(65.059, 3);
    expect(events[2]?.data).toEqual({
      endedBy: "customer",
      hangupCause: "NORMAL_CLEARING",
      talkSeconds: 65,
      holdSeconds: 0,
      ringSeconds: 0,
    });
    expect(stderr).toContain("0 refused");
  });

  it.each([
    [
      "lluv_CHANNEL_DESTROY.frame.event-json.txt",
      "1 frames, 1 FreeSWITCH events -> 0 Starboard events; 1 not contact facts; 0 refused",
    ],
    [
      "davec82_api-response.frame.txt",
      "1 frames, 0 FreeSWITCH events -> 0 Starboard events; 0 not contact facts; 0 refused",
    ],
    [
      "davec82_cmdreply+CHANNEL_EXECUTE_COMPLETE.tcp-segment1.txt",
      "1 frames, 0 FreeSWITCH events -> 0 Starboard events; 0 not contact facts; 1 refused",
    ],
  ])("%s: %s", async (name, summary) => {
    const { code, events, stderr } = await replay([capturePath(name)]);
    expect(code).toBe(0);
    expect(events).toEqual([]);
    expect(stderr).toContain(summary);
  });

  it("--json prints the summary as one JSON object on stderr", async () => {
    const io = capture();
    await main(["esl-replay", capturePath("fsock_test_data.esl-stream.txt"), "--json"], io);
    expect(JSON.parse(io.stderr.at(-1) ?? "")).toEqual({
      frames: 45,
      events: 45,
      mapped: 2,
      dropped: 43,
      rejected: 1,
    });
  });

  it("--publish puts the events on the embedded log and the refused bytes on the dead-letter topic", async () => {
    const dataDir = tempDir();
    process.env.STARBOARD_DATA_DIR = dataDir;
    const { code, stderr } = await replay([capturePath("fsock_test_data.esl-stream.txt"), "--publish"]);
    expect(code).toBe(0);
    expect(stderr).toContain("published 3, dead-lettered 1");
    const log = new InProcessEventLog({ dataDir, pollIntervalMs: 10 });
    try {
      const events = (await readAll(log, Topics.events)).map((r) => decodeEventRecord(r));
      expect(events.map((d) => (d.ok ? d.event.type : d.error.reason))).toEqual([
        "contact.created",
        "contact.disconnected",
        "contact.ended",
      ]);
      const dead = await readAll(log, Topics.deadLetter);
      expect(dead.map((r) => [r.headers[DeadLetterHeaders.step], r.value.toString()])).toEqual([
        ["esl.frame", "uuid_transfer "],
      ]);
      expect(dead[0]?.headers[DeadLetterHeaders.reason]).toMatch(/^garbage: /);
    } finally {
      await log.close();
    }
  });

  it.each([
    [[], 2, "missing <capture-file>"],
    [["a", "b"], 2, "one capture file at a time"],
    [["/nonexistent/capture.txt"], 1, "cannot read /nonexistent/capture.txt"],
  ])("%j exits %i: %s", async (argv, code, message) => {
    const io = capture();
    expect(await main(["esl-replay", ...argv], io)).toBe(code);
    expect(io.stderr.join("\n")).toContain(message);
  });
});

async function readAll(log: InProcessEventLog, topic: string): Promise<LogRecord[]> {
  const end = [...(await log.endOffsets(topic)).values()].reduce((a, b) => a + b, 0);
  const records: LogRecord[] = [];
  const sub = await log.subscribe({
    groupId: `test-${topic}`,
    topics: [topic],
    startAt: "earliest",
    handler: async (batch) => {
      records.push(...batch.records);
    },
  });
  const started = Date.now();
  while (records.length < end && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 10));
  await sub.stop();
  return records.sort((a, b) => a.timestamp - b.timestamp || a.offset - b.offset);
}
