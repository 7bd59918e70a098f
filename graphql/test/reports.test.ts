import { CustomerDirectory, exampleEvents, type StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentOnline, callHandled, callQueued } from "./events";
import { type Stack, startStack } from "./harness";

// Reports through the API over a day written by the real sink into chdb: yesterday's calls,
// the catalogue's ticket story and QA flag (2026-11-30).

let stack: Stack;
const day = Date.parse("2026-11-29T00:00:00Z");
const t0 = day + 8 * 3_600_000; // 08:00 UTC = 16:00 in Shanghai

const ticketStory = (
  ["ticket.created", "ticket.assigned", "ticket.moved", "ticket.commented", "ticket.resolved"] as const
).map((t) => exampleEvents[t] as StarboardEvent);

beforeAll(async () => {
  stack = await startStack({
    customers: new CustomerDirectory([
      {
        id: "c-wang",
        name: "王女士",
        phones: ["+8613800138000"],
        identities: [],
        tier: "vip",
        tags: ["repeat"],
      },
    ]),
  });
  const calls: StarboardEvent[] = [...agentOnline(t0, 0, "agent-1")];
  // Ten calls an hour apart: waits 5..50 s against a 20 s threshold, CSAT 5 for short waits.
  for (let i = 0; i < 10; i++) {
    const id = `hist-${i}`;
    const wait = 5 * (i + 1);
    calls.push(...callQueued(t0, i * 3600, id, i < 5 ? "+8613800138000" : `+86139000000${i}`));
    calls.push(...callHandled(t0, i * 3600, id, "agent-1", { wait, talk: 120, csat: wait <= 20 ? 5 : 2 }));
  }
  await stack.publish([...calls, ...ticketStory, exampleEvents["qa.flagged"] as StarboardEvent]);
  await stack.flushed();
});
afterAll(async () => {
  await stack.close();
});

const range = 'from: "2026-11-29T00:00:00Z", to: "2026-11-30T00:00:00Z"';

describe("channel report", () => {
  it("totals and day buckets per channel", async () => {
    const r = await stack.gql(
      "exec",
      `{ channelReport(${range}, interval: DAY) { interval timeZone totals { channel offered handled csatResponses csat asaSeconds resolutionRate } buckets { start channels { channel handled } } } }`,
    );
    expect(r.body.errors).toBeUndefined();
    const report = r.body.data?.channelReport as {
      totals: {
        channel: string;
        offered: number;
        handled: number;
        csat: number;
        asaSeconds: number;
        csatResponses: number;
      }[];
      buckets: { start: string; channels: { handled: number }[] }[];
    };
    const voice = report.totals.find((t) => t.channel === "VOICE");
    expect(voice).toMatchObject({ offered: 10, handled: 10, csatResponses: 10, csat: 0.4, asaSeconds: 27.5 });
    expect(report.buckets).toEqual([
      { start: "2026-11-29T00:00:00.000Z", channels: [{ channel: "VOICE", handled: 10 }] },
    ]);
  });

  it("says plainly that it counts UTC days", async () => {
    const r = await stack.gql("exec", `{ channelReport(${range}, timeZone: "Asia/Shanghai") { interval } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.body.errors?.[0]?.message).toContain("whole UTC days");
  });
});

describe("service level", () => {
  it("15-minute intervals regrouped into local hours of the zone asked for", async () => {
    const r = await stack.gql(
      "supervisor",
      `{ serviceLevel(queueId: "support", ${range}, interval: HOUR, timeZone: "Asia/Kolkata") { thresholdSeconds intervals { start handled handledWithin serviceLevel } total { handled handledWithin serviceLevel asaSeconds variants { asteriskSl } } } }`,
    );
    expect(r.body.errors).toBeUndefined();
    const report = r.body.data?.serviceLevel as {
      intervals: { start: string; handled: number }[];
      total: { handled: number; handledWithin: number; serviceLevel: number; asaSeconds: number };
    };
    expect(report.total).toMatchObject({
      handled: 10,
      handledWithin: 4,
      serviceLevel: 0.4,
      asaSeconds: 27.5,
    });
    // Kolkata is UTC+05:30: local hours start at :30 UTC.
    expect(report.intervals.length).toBe(10);
    for (const i of report.intervals) expect(i.start.slice(13)).toBe(":30:00.000Z");
  });
});

describe("staffed agents per interval", () => {
  // agent-1 (support 5) is ready from 08:00:00.1 UTC to the range's end (it handles calls while
  // ready, which counts: Erlang C's agents include the busy ones). Kolkata hours start at :30 UTC.
  it("per queue and local hour, from the state history; the queue's skills decide who counts", async () => {
    const r = await stack.gql(
      "exec",
      `{ serviceLevel(${range}, interval: HOUR, timeZone: "Asia/Kolkata") { staffed { queueId start agents agentSeconds seconds } } }`,
    );
    expect(r.body.errors).toBeUndefined();
    const rows = (r.body.data?.serviceLevel as { staffed: StaffedRow[] } | undefined)?.staffed ?? [];
    const support = rows.filter((x) => x.queueId === "support");
    const billing = rows.filter((x) => x.queueId === "billing");
    // 00:00-24:00 UTC in local hours: 23:30 (from 00:00 only), 00:30, ..., 23:30 (to 24:00 only).
    expect(support.length).toBe(25);
    expect(support[0]).toEqual({
      queueId: "support",
      start: "2026-11-28T23:30:00.000Z",
      agents: 0,
      agentSeconds: 0,
      seconds: 1800,
    });
    const at = (start: string) => support.find((x) => x.start === start);
    expect(at("2026-11-29T07:30:00.000Z")).toMatchObject({ agentSeconds: 1799.9, seconds: 3600 });
    expect(at("2026-11-29T12:30:00.000Z")).toMatchObject({ agents: 1, agentSeconds: 3600 });
    expect(at("2026-11-29T23:30:00.000Z")).toMatchObject({ agents: 1, seconds: 1800 });
    expect(support.reduce((n, x) => n + x.agentSeconds, 0)).toBeCloseTo(16 * 3600 - 0.1, 6);
    // Nobody has billing skills.
    expect(billing.length).toBe(25);
    expect(billing.every((x) => x.agents === 0)).toBe(true);
  });

  it("one queue at 15 minutes; an unknown queue has none", async () => {
    const one = await stack.gql(
      "supervisor",
      `{ serviceLevel(queueId: "support", from: "2026-11-29T07:45:00Z", to: "2026-11-29T08:30:00Z") { staffed { queueId start agents } } }`,
    );
    expect((one.body.data?.serviceLevel as { staffed: StaffedRow[] } | undefined)?.staffed).toEqual([
      { queueId: "support", start: "2026-11-29T07:45:00.000Z", agents: 0 },
      { queueId: "support", start: "2026-11-29T08:00:00.000Z", agents: 899.9 / 900 },
      { queueId: "support", start: "2026-11-29T08:15:00.000Z", agents: 1 },
    ]);
    const unknown = await stack.gql(
      "supervisor",
      `{ serviceLevel(queueId: "nope", ${range}) { staffed { agents } } }`,
    );
    expect(unknown.body.data?.serviceLevel).toEqual({ staffed: [] });
  });
});

interface StaffedRow {
  queueId: string;
  start: string;
  agents: number;
  agentSeconds: number;
  seconds: number;
}

describe("agents, demand, tickets, customers, QA", () => {
  it("agent performance, paged", async () => {
    const r = await stack.gql(
      "qa",
      `{ agentPerformance(${range}, first: 10) { totalCount nodes { agentId handled ahtSeconds csat } } }`,
    );
    expect(r.body.data?.agentPerformance).toMatchObject({
      totalCount: 1,
      nodes: [{ agentId: "agent-1", handled: 10, csat: 0.4 }],
    });
  });

  it("demand by category", async () => {
    const r = await stack.gql("bi", `{ demand(${range}, kind: CATEGORY) { kind term contacts share } }`);
    expect(r.body.data?.demand).toEqual([{ kind: "CATEGORY", term: "billing", contacts: 10, share: 1 }]);
  });

  it("a ticket's path through departments, internal notes hidden", async () => {
    const number = (exampleEvents["ticket.created"] as { data: { ticketNumber: string } }).data.ticketNumber;
    const t = (
      await stack.gql(
        "supervisor",
        `{ ticket(number: "${number}") { number status department departments steps { action department note } } }`,
      )
    ).body.data?.ticket as {
      status: string;
      departments: string[];
      steps: { action: string; note: string | null }[];
    };
    expect(t.status).toBe("RESOLVED");
    expect(t.departments).toEqual(["billing", "card-operations"]);
    expect(t.steps.map((s) => s.action)).toEqual(["created", "assigned", "moved", "commented", "resolved"]);
    expect(t.steps.find((s) => s.action === "commented")?.note).toBeNull();
    expect(
      (await stack.gql("supervisor", '{ ticket(number: "NO-SUCH") { number } }')).body.data?.ticket,
    ).toBeNull();
  });

  it("a customer's history by phone, masked for exec", async () => {
    const q =
      '{ customer(phone: "+8613800138000") { phone contacts { contactId channel csatScore } csatAverage } }';
    const sup = (await stack.gql("supervisor", q)).body.data?.customer as {
      phone: string;
      contacts: unknown[];
      csatAverage: number;
    };
    expect(sup.phone).toBe("+8613800138000");
    expect(sup.contacts).toHaveLength(5);
    expect(sup.csatAverage).toBe((5 + 5 + 5 + 5 + 2) / 5);
    const exec = (await stack.gql("exec", q)).body.data?.customer as { phone: string };
    expect(exec.phone).toBe("+861****8000");
  });

  it.each([
    ["a phone number as the caller dialled it", 'phone: "+86 138-0013-8000"'],
    ["the customer id", 'id: "c-wang"'],
  ])("finds the directory's record and its history by %s", async (_what, argument) => {
    const q = `{ customer(${argument}) { id phone name tier tags contacts { contactId } } }`;
    const found = (await stack.gql("supervisor", q)).body.data?.customer as Record<string, unknown>;
    expect(found).toMatchObject({
      id: "c-wang",
      phone: "+8613800138000",
      name: "王女士",
      tier: "vip",
      tags: ["repeat"],
    });
    expect(found.contacts).toHaveLength(5);
  });

  it("QA flags with the rule, matched text masked for bi", async () => {
    const q =
      '{ qaFlags(from: "2026-11-30T00:00:00Z", to: "2026-12-01T00:00:00Z") { totalCount nodes { ruleId category matchedText location { charStart charEnd } } } }';
    const qa = (await stack.gql("qa", q)).body.data?.qaFlags as {
      totalCount: number;
      nodes: { ruleId: string; matchedText: string }[];
    };
    expect(qa.totalCount).toBe(1);
    expect(qa.nodes[0]).toMatchObject({
      ruleId: "shirking-zh-01",
      matchedText: "处理不了",
      location: { charStart: 6, charEnd: 10 },
    });
    const bi = (await stack.gql("bi", q)).body.data?.qaFlags as { nodes: { matchedText: string }[] };
    expect(bi.nodes[0]?.matchedText).toBe("****");
  });

  it("ticket SLA by department", async () => {
    const r = await stack.gql(
      "exec",
      '{ ticketSla(from: "2026-11-30T00:00:00Z", to: "2026-12-01T00:00:00Z") { department tickets resolvedWithinSla } }',
    );
    expect(r.body.data?.ticketSla).toEqual([
      { department: "card-operations", tickets: 1, resolvedWithinSla: 1 },
    ]);
  });
});

describe("a warehouse that does not answer", () => {
  it("is UPSTREAM_UNAVAILABLE with a plain message, and the API keeps serving", async () => {
    const broken = await startStack({
      warehouse: {
        ...stack.warehouse,
        query: () =>
          Promise.reject(new Error("Code: 60. DB::Exception: Table starboard.channel_days does not exist")),
      },
    });
    try {
      const r = await broken.gql("exec", `{ channelReport(${range}) { interval } }`);
      expect(r.body.errors?.[0]?.extensions?.code).toBe("UPSTREAM_UNAVAILABLE");
      expect(JSON.stringify(r.body)).not.toContain("DB::Exception");
      expect((await broken.gql("exec", "{ queues { id } }")).body.errors).toBeUndefined();
    } finally {
      await broken.close();
    }
  });
});
