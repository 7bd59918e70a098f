import type { StarboardEvent } from "@starboard/core";
import { describe, expect, it } from "vitest";
import { EslFrameParser } from "../../src/esl/frame-parser";
import { EslMapper } from "../../src/esl/mapper";
import { readCapture } from "./captures";

// Real captures through parser + mapper. Expected values read by hand from the files
// (times: Event-Date-Timestamp / Caller-Channel-*-Time microseconds -> ISO milliseconds).

function replay(bytes: Buffer, mapper = new EslMapper({ source: "esl:test" })) {
  const parser = new EslFrameParser();
  const events: StarboardEvent[] = [];
  const outcomes = { ok: 0, drop: 0, dlq: 0 };
  for (const r of [...parser.push(bytes), ...parser.end()]) {
    if (!r.ok || !("event" in r.frame)) continue;
    const mapped = mapper.map(r.frame.event);
    outcomes[mapped.kind] += 1;
    if (mapped.kind === "ok") events.push(...mapped.events);
  }
  return { events, outcomes };
}

function bodyAsFrame(name: string): Buffer {
  const body = Buffer.concat([readCapture(name), Buffer.from("\n\n")]);
  return Buffer.concat([
    Buffer.from(`Content-Length: ${body.length}\nContent-Type: text/event-plain\n\n`),
    body,
  ]);
}

const fsockUuid = "303c0f9f-4b32-4b9b-9f77-df0ca215bbe7";

describe("golden: fsock stream (inbound call cancelled while parked)", () => {
  const { events, outcomes } = replay(readCapture("fsock_test_data.esl-stream.txt"));

  it("gives created, disconnected (ORIGINATOR_CANCEL) and a failed closing record", () => {
    expect(events).toEqual([
      {
        id: `esl:${fsockUuid}:contact.created`,
        type: "contact.created",
        version: 1,
        time: "2012-10-05T11:41:46.912Z",
        tenant: "default",
        source: "esl:test",
        channel: "voice",
        contactId: fsockUuid,
        data: {
          direction: "inbound",
          from: "4986517174963",
          to: "4986517174963",
          entryPoint: "4986517174963",
        },
      },
      {
        id: `esl:${fsockUuid}:contact.disconnected`,
        type: "contact.disconnected",
        version: 2,
        time: "2012-10-05T11:42:42.372Z",
        tenant: "default",
        source: "esl:test",
        channel: "voice",
        contactId: fsockUuid,
        // Never answered: variable_duration 56, variable_billsec 0 -> 56 s ringing, no talk.
        data: { endedBy: "customer", hangupCause: "ORIGINATOR_CANCEL", holdSeconds: 0, ringSeconds: 56 },
      },
      {
        id: `esl:${fsockUuid}:contact.ended`,
        type: "contact.ended",
        version: 1,
        time: "2012-10-05T11:42:42.372Z",
        tenant: "default",
        source: "esl:test",
        channel: "voice",
        contactId: fsockUuid,
        data: {
          endedBy: "customer",
          hangupCause: "ORIGINATOR_CANCEL",
          outcome: "failed",
          resolved: false,
          waitSeconds: 0,
          talkSeconds: 0,
          holdSeconds: 0,
          wrapupSeconds: 0,
          categories: [],
        },
      },
    ]);
    // 45 events: 2 mapped (create, hangup-complete), none dead-lettered, the rest not contact facts.
    expect(outcomes).toEqual({ ok: 2, drop: 43, dlq: 0 });
  });

  it("replays to the same ids (a second pass is deduplicated downstream)", () => {
    expect(replay(readCapture("fsock_test_data.esl-stream.txt")).events.map((e) => e.id)).toEqual(
      events.map((e) => e.id),
    );
  });
});

describe("golden: cgrates captures (a call joined mid-way is adopted)", () => {
  it("HANGUP_COMPLETE of a bridged call: created, connected to 1003, disconnected by the customer", () => {
    const uuid = "e3133bf7-dcde-4daf-9663-9a79ffcef5ad";
    const { events } = replay(bodyAsFrame("cgrates_CHANNEL_HANGUP_COMPLETE.body.event-plain.txt"));
    expect(events.map((e) => [e.type, e.time, e.agentId, e.data])).toEqual([
      [
        "contact.created",
        "2015-07-07T14:52:08.471Z",
        undefined,
        { direction: "inbound", from: "1001", to: "1003", entryPoint: "1003" },
      ],
      ["contact.connected", "2015-07-07T14:52:08.971Z", "1003", { waitSeconds: 0, ringMs: 0 }],
      [
        "contact.disconnected",
        "2015-07-07T14:53:14.030Z",
        "1003",
        // Talk from the bridge (14:52:08.971) to the hangup: 65.059 s; billsec 66 counts from answer.
        {
          endedBy: "customer",
          hangupCause: "NORMAL_CLEARING",
          talkSeconds: 65,
          holdSeconds: 0,
          ringSeconds: 0,
        },
      ],
    ]);
    expect(events.every((e) => e.contactId === uuid)).toBe(true);
  });

  it("ANSWER of an unknown channel adopts it at its creation time", () => {
    const { events } = replay(bodyAsFrame("cgrates_CHANNEL_ANSWER.body.event-plain.txt"));
    expect(events.map((e) => [e.type, e.time, e.contactId, e.data])).toEqual([
      [
        "contact.created",
        "2014-04-08T19:10:21.278Z",
        "86cfd6e2-dbda-45a3-b59d-f683ec368e8b",
        { direction: "inbound", from: "1001", to: "1002", entryPoint: "1002" },
      ],
    ]);
  });

  it("the JSON CHANNEL_DESTROY capture is not a contact fact", () => {
    expect(replay(readCapture("lluv_CHANNEL_DESTROY.frame.event-json.txt")).outcomes).toEqual({
      ok: 0,
      drop: 1,
      dlq: 0,
    });
  });
});
