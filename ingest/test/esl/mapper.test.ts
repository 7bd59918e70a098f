import { CustomerDirectory } from "@starboard/core";
import { describe, expect, it } from "vitest";
import { EslMapper, type MapResult } from "../../src/esl/mapper";
import { fsEvent } from "./fs-event";

// Synthetic events using header names from FreeSWITCH's source (see the mapper's comments).
const caller = "a1a1a1a1-0000-4000-8000-000000000001";
const agentLeg = "b2b2b2b2-0000-4000-8000-000000000002";
const t0 = 1_764_493_200_000_000; // 2025-11-30T09:00:00.000Z in microseconds
const at = (s: number) => String(t0 + s * 1_000_000);
const epoch = (s: number) => String(Math.floor(t0 / 1e6) + s);

const channel = (name: string, s: number, extra: Record<string, string> = {}) =>
  fsEvent({
    "Event-Name": name,
    "Core-UUID": "c0c0c0c0-0000-4000-8000-00000000000c",
    "Event-Date-Timestamp": at(s),
    "Event-Sequence": String(100 + s),
    "Unique-ID": caller,
    "Call-Direction": "inbound",
    "Caller-Caller-ID-Number": "+8613800138000",
    "Caller-Destination-Number": "4001",
    "Caller-Channel-Created-Time": at(0),
    ...extra,
  });
const cc = (action: string, s: number, extra: Record<string, string> = {}) =>
  fsEvent({
    "Event-Name": "CUSTOM",
    "Event-Subclass": "callcenter::info",
    "Event-Date-Timestamp": at(s),
    "CC-Action": action,
    "CC-Queue": "support@default",
    "CC-Member-Session-UUID": caller,
    "CC-Member-UUID": "m1",
    ...extra,
  });

function summary(r: MapResult) {
  return r.kind === "ok"
    ? r.events.map((e) => `${e.type}@${e.time.slice(11, 19)}${e.agentId ? `/${e.agentId}` : ""}`)
    : r.kind;
}

describe("mod_callcenter lifecycle", () => {
  it("queued, offered, connected, held, resumed, disconnected", () => {
    const mapper = new EslMapper({ source: "esl:fs1" });
    const steps = [
      channel("CHANNEL_CREATE", 0),
      channel("CHANNEL_ANSWER", 1),
      channel("CHANNEL_EXECUTE", 1, { Application: "ivr", "Application-Data": "main" }),
      cc("member-queue-start", 5),
      cc("agent-offering", 8, { "CC-Agent": "1001@default" }),
      channel("CHANNEL_CREATE", 8, {
        "Unique-ID": agentLeg,
        "Call-Direction": "outbound",
        "Other-Type": "originator",
        "Other-Leg-Unique-ID": caller,
      }),
      cc("bridge-agent-start", 12, {
        "CC-Agent": "1001@default",
        "CC-Agent-UUID": agentLeg,
        "CC-Agent-Called-Time": epoch(8),
        "CC-Agent-Answered-Time": epoch(12),
        "CC-Member-Joined-Time": epoch(5),
      }),
      channel("CHANNEL_BRIDGE", 12, { "Bridge-A-Unique-ID": caller, "Bridge-B-Unique-ID": agentLeg }),
      channel("CHANNEL_HOLD", 30, { "Unique-ID": agentLeg }),
      channel("CHANNEL_UNHOLD", 42, { "Unique-ID": agentLeg }),
      cc("member-queue-end", 60, { "CC-Cause": "Terminated" }),
      channel("CHANNEL_HANGUP_COMPLETE", 60, { "Unique-ID": agentLeg, "Hangup-Cause": "NORMAL_CLEARING" }),
      channel("CHANNEL_HANGUP_COMPLETE", 60, {
        "Hangup-Cause": "NORMAL_CLEARING",
        variable_sip_hangup_disposition: "recv_bye",
        variable_billsec: "59",
      }),
    ];
    const results = steps.map((e) => mapper.map(e));
    expect(results.map(summary)).toEqual([
      ["contact.created@09:00:00"],
      "drop",
      ["contact.ivr-entered@09:00:01"],
      ["contact.queued@09:00:05"],
      ["contact.offered@09:00:08/1001@default"],
      "drop",
      ["contact.connected@09:00:12/1001@default"],
      "drop",
      ["contact.held@09:00:30/1001@default"],
      ["contact.resumed@09:00:42/1001@default"],
      "drop",
      "drop",
      ["contact.disconnected@09:01:00/1001@default"],
    ]);
    const data = results.flatMap((r) => (r.kind === "ok" ? r.events.map((e) => e.data) : []));
    expect(data[4]).toEqual({ queueId: "support@default", waitSeconds: 7, ringMs: 4000 });
    expect(data[6]).toEqual({ holdSeconds: 12 });
    // Connected at 12 s (agent answered), hung up at 60 s, on hold from 30 s to 42 s: 36 s talk.
    expect(data[7]).toEqual({
      endedBy: "customer",
      hangupCause: "NORMAL_CLEARING",
      talkSeconds: 36,
      holdSeconds: 12,
    });
    expect(mapper.calls.size).toBe(0);
  });

  it("abandon in queue (CC-Cause Cancel) gives abandoned and an abandoned closing record", () => {
    const mapper = new EslMapper();
    mapper.map(channel("CHANNEL_CREATE", 0));
    mapper.map(cc("member-queue-start", 2));
    const abandoned = mapper.map(
      cc("member-queue-end", 20, {
        "CC-Cause": "Cancel",
        "CC-Cancel-Reason": "NONE",
        "CC-Member-Joined-Time": epoch(2),
        "CC-Member-Leaving-Time": epoch(20),
      }),
    );
    expect(abandoned.kind === "ok" && abandoned.events.map((e) => [e.type, e.data])).toEqual([
      ["contact.abandoned", { queueId: "support@default", waitSeconds: 18, position: 1 }],
    ]);
    const hangup = mapper.map(
      channel("CHANNEL_HANGUP_COMPLETE", 20, {
        "Hangup-Cause": "NORMAL_CLEARING",
        variable_sip_hangup_disposition: "recv_bye",
        variable_billsec: "19",
      }),
    );
    expect(
      hangup.kind === "ok" &&
        hangup.events.map(
          (e) => e.type === "contact.ended" && [e.data.outcome, e.data.queueId, e.data.waitSeconds],
        ),
    ).toEqual([false, ["abandoned", "support@default", 18]]);
  });

  it("agent-offering before member-queue-start (freeswitch PR #1373) still queues once", () => {
    const mapper = new EslMapper();
    mapper.map(channel("CHANNEL_CREATE", 0));
    expect(summary(mapper.map(cc("agent-offering", 3, { "CC-Agent": "1002@default" })))).toEqual([
      "contact.offered@09:00:03/1002@default",
    ]);
    const queued = mapper.map(cc("member-queue-start", 3));
    expect(queued.kind === "ok" && queued.events[0]?.data).toMatchObject({
      queueId: "support@default",
      entry: "new",
      position: 1,
    });
  });
});

describe("refusals are typed", () => {
  it.each([
    ["no timestamp", fsEvent({ "Event-Name": "CHANNEL_CREATE", "Unique-ID": caller }), "dlq"],
    [
      "garbage timestamp",
      fsEvent({ "Event-Name": "CHANNEL_CREATE", "Unique-ID": caller, "Event-Date-Timestamp": "soon" }),
      "dlq",
    ],
    [
      "create without Unique-ID",
      fsEvent({ "Event-Name": "CHANNEL_CREATE", "Event-Date-Timestamp": at(0) }),
      "dlq",
    ],
    ["heartbeat", fsEvent({ "Event-Name": "HEARTBEAT", "Event-Date-Timestamp": at(0) }), "drop"],
    [
      "other CUSTOM subclass",
      fsEvent({ "Event-Name": "CUSTOM", "Event-Subclass": "sofia::register", "Event-Date-Timestamp": at(0) }),
      "drop",
    ],
    [
      "hold on an unknown leg",
      channel("CHANNEL_HOLD", 1, { "Unique-ID": "nobody", "Other-Type": "originator" }),
      "drop",
    ],
    [
      "a Starboard supervisor leg",
      channel("CHANNEL_CREATE", 1, { variable_starboard_role: "supervisor" }),
      "drop",
    ],
  ])("%s", (_name, event, kind) => {
    expect(new EslMapper().map(event).kind).toBe(kind);
  });

  it("a number that breaks the schema is dead-lettered with the path, not thrown", () => {
    const r = new EslMapper().map(
      channel("CHANNEL_CREATE", 0, { "Caller-Destination-Number": "x".repeat(300) }),
    );
    expect(r).toMatchObject({ kind: "dlq" });
    expect(r.kind === "dlq" && r.reason).toMatch(/^contact.created data\.to/);
  });
});

describe("caller recognition through the customer directory", () => {
  const directory = new CustomerDirectory([
    { id: "c-vip", phones: ["+86 138 0013 8000"], identities: [], tier: "vip", tags: [] },
  ]);
  const recognize = directory.recognize;
  const createdAndQueued = (mapper: EslMapper, extra: Record<string, string> = {}) => {
    const created = mapper.map(channel("CHANNEL_CREATE", 0, extra));
    const queued = mapper.map(cc("member-queue-start", 5));
    return [created, queued].flatMap((r) => (r.kind === "ok" ? r.events : []));
  };

  it("puts the known caller's id on contact.created and their tier on contact.queued", () => {
    const [created, queued] = createdAndQueued(new EslMapper({ recognize }));
    expect(created?.type === "contact.created" && created.data.customerId).toBe("c-vip");
    expect(queued?.type === "contact.queued" && queued.data.customerTier).toBe("vip");
  });

  it.each([
    ["an unknown number", { "Caller-Caller-ID-Number": "+14155550100" }],
    ["a withheld number", { "Caller-Caller-ID-Number": "", "Caller-ANI": "" }],
  ])("leaves %s unrecognized", (_what, extra) => {
    const [created, queued] = createdAndQueued(new EslMapper({ recognize }), extra);
    expect(created?.type === "contact.created" && created.data.customerId).toBeUndefined();
    expect(queued?.type === "contact.queued" && queued.data.customerTier).toBeUndefined();
  });

  it("recognizes a call adopted from a later event (its start was missed) as well", () => {
    const mapper = new EslMapper({ recognize });
    const result = mapper.map(channel("CHANNEL_ANSWER", 30, { "Caller-Channel-Answered-Time": at(30) }));
    const created =
      result.kind === "ok" ? result.events.find((e) => e.type === "contact.created") : undefined;
    expect(created?.type === "contact.created" && created.data.customerId).toBe("c-vip");
  });
});
