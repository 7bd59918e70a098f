import { randomUUID } from "node:crypto";
import type { StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callHandled, callQueued } from "./events";
import { dataOf, eventually, type Stack, startStack } from "./harness";

// Reviews, scorecards and rule precision through the real server: flags and handled calls go through
// the log and the sink into the warehouse; a review is a mutation that publishes qa.flag-reviewed,
// which the sink stores, and the reports change accordingly.

const t0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const range = 'from: "2026-11-02T00:00:00Z", to: "2026-11-03T00:00:00Z"';

function signedIn(agentId: string, teamId?: string): StarboardEvent {
  return {
    id: randomUUID(),
    type: "agent.signed-in",
    version: 1,
    time: new Date(t0 - 3_600_000).toISOString(),
    tenant: "default",
    source: "test",
    agentId,
    data: { skills: [{ skill: "support", level: 5 }], capacity: { voice: 1 }, ...(teamId ? { teamId } : {}) },
  } as StarboardEvent;
}

function flagged(flagId: string, contactId: string, agentId: string, ruleId: string, category: string) {
  return {
    id: `ev-${flagId}`,
    type: "qa.flagged",
    version: 1,
    time: new Date(t0 + 3_600_000).toISOString(),
    tenant: "default",
    source: "qa-scanner",
    channel: "voice",
    contactId,
    agentId,
    data: {
      flagId,
      ruleId,
      category,
      severity: "high",
      side: "agent",
      location: {
        type: "transcript-segment",
        segmentId: `seg-${flagId}`,
        charRange: [0, 4],
        offsetMs: 1_000,
      },
      matchedText: "处理不了",
    },
  } as StarboardEvent;
}

/** a1 handles 4 calls, a2 2 (both team-n), a3 1 (no team). */
function floor(): StarboardEvent[] {
  const calls: [string, string][] = [
    ["k1", "a1"],
    ["k2", "a1"],
    ["k3", "a1"],
    ["k4", "a1"],
    ["k5", "a2"],
    ["k6", "a2"],
    ["k7", "a3"],
  ];
  return [
    signedIn("a1", "team-n"),
    signedIn("a2", "team-n"),
    signedIn("a3"),
    ...calls.flatMap(([id, agent], i) => [
      ...callQueued(t0, i * 60, id, `+86138000000${i}`),
      ...callHandled(t0, i * 60, id, agent, { wait: 5, talk: 30 }),
    ]),
    flagged("g1", "k1", "a1", "r-shirk", "shirking"),
    flagged("g2", "k2", "a1", "r-abuse", "abuse"),
    flagged("g3", "k5", "a2", "r-shirk", "shirking"),
    flagged("g4", "k7", "a3", "r-promise", "prohibited-promise"),
  ];
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await stack.publish(floor());
  await stack.flushed();
});
afterAll(async () => {
  await stack.close();
});

type Card = { group: string | null; handled: number; hits: number; hitsPer100: number | null };
const cards = async (groupBy: string, role = "qa") =>
  dataOf(
    (
      await stack.gql(
        role,
        `{ qaScorecards(${range}, groupBy: ${groupBy}) { group handled hits hitsPer100 } }`,
      )
    ).body,
  ).qaScorecards as Card[];
type Precision = { ruleId: string; reviewed: number; unreviewed: number; precision: number | null };
const precision = async () =>
  dataOf(
    (await stack.gql("supervisor", `{ qaRulePrecision(${range}) { ruleId reviewed unreviewed precision } }`))
      .body,
  ).qaRulePrecision as Precision[];
const review = (role: string, flagId: string, verdict: string, note?: string) =>
  stack.gql(
    role,
    "mutation($f: ID!, $v: QaVerdict!, $n: String) { reviewQaFlag(flagId: $f, verdict: $v, note: $n) { operation status error { code message } } }",
    { f: flagId, v: verdict, n: note },
  );

describe("QA scorecards and precision before any review", () => {
  it("hits per 100 handled per agent and per team; exec and bi may read them", async () => {
    expect(await cards("AGENT")).toEqual([
      { group: "a1", handled: 4, hits: 2, hitsPer100: 50 },
      { group: "a2", handled: 2, hits: 1, hitsPer100: 50 },
      { group: "a3", handled: 1, hits: 1, hitsPer100: 100 },
    ]);
    expect(await cards("TEAM", "exec")).toEqual([
      { group: null, handled: 1, hits: 1, hitsPer100: 100 },
      { group: "team-n", handled: 6, hits: 3, hitsPer100: 50 },
    ]);
    expect((await cards("TEAM", "bi")).length).toBe(2);
  });

  it("every rule unreviewed: precision null, most flags first", async () => {
    expect(await precision()).toEqual([
      { ruleId: "r-shirk", reviewed: 0, unreviewed: 2, precision: null },
      { ruleId: "r-abuse", reviewed: 0, unreviewed: 1, precision: null },
      { ruleId: "r-promise", reviewed: 0, unreviewed: 1, precision: null },
    ]);
  });
});

describe("reviewQaFlag", () => {
  it("records verdicts from qa, supervisor and admin; the latest verdict counts", async () => {
    const ok = { operation: "REVIEW_QA_FLAG", status: "SUCCEEDED", error: null };
    expect(dataOf((await review("qa", "g1", "FALSE_POSITIVE", "客户在说自己, not the agent")).body)).toEqual({
      reviewQaFlag: ok,
    });
    expect(dataOf((await review("supervisor", "g3", "CONFIRMED")).body).reviewQaFlag).toEqual(ok);
    expect(dataOf((await review("admin", "g2", "CONFIRMED")).body).reviewQaFlag).toEqual(ok);
    expect(dataOf((await review("qa", "g2", "FALSE_POSITIVE")).body).reviewQaFlag).toEqual(ok);

    const after = await eventually(async () => {
      const p = await precision();
      return p.reduce((n, r) => n + r.reviewed, 0) === 3 && p[0]?.precision === 0 ? p : undefined;
    });
    expect(after).toEqual([
      { ruleId: "r-abuse", reviewed: 1, unreviewed: 0, precision: 0 },
      { ruleId: "r-shirk", reviewed: 2, unreviewed: 0, precision: 0.5 },
      { ruleId: "r-promise", reviewed: 0, unreviewed: 1, precision: null },
    ]);
    // a1's two flags are both false positives now: no hits left.
    expect(await cards("AGENT")).toEqual([
      { group: "a1", handled: 4, hits: 0, hitsPer100: 0 },
      { group: "a2", handled: 2, hits: 1, hitsPer100: 50 },
      { group: "a3", handled: 1, hits: 1, hitsPer100: 100 },
    ]);
    const flags = dataOf((await stack.gql("qa", `{ qaFlags(${range}) { nodes { id verdict } } }`)).body)
      .qaFlags as { nodes: { id: string; verdict: string | null }[] };
    expect(Object.fromEntries(flags.nodes.map((f) => [f.id, f.verdict]))).toEqual({
      g1: "false-positive",
      g2: "false-positive",
      g3: "confirmed",
      g4: null,
    });
    const stored = await stack.warehouse.query<{ note: string; reviewer_id: string }>(
      "SELECT note, reviewer_id FROM qa_flag_reviews WHERE flag_id = 'g1'",
      {},
    );
    expect(stored).toEqual([
      { note: "客户在说自己, not the agent", reviewer_id: expect.stringMatching(/^key-/) },
    ]);
  });

  it("an unknown flag is FAILED / NOT_FOUND and nothing is published", async () => {
    const r = dataOf((await review("qa", "no-such-flag", "CONFIRMED")).body).reviewQaFlag;
    expect(r).toEqual({
      operation: "REVIEW_QA_FLAG",
      status: "FAILED",
      error: { code: "NOT_FOUND", message: "no QA flag no-such-flag" },
    });
  });

  it("refuses exec and bi, and a note longer than 4,000 characters", async () => {
    for (const role of ["exec", "bi"]) {
      const r = await review(role, "g4", "CONFIRMED");
      expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    }
    const long = await review("qa", "g4", "CONFIRMED", "x".repeat(4_001));
    expect(long.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(long.body.errors?.[0]?.message).toMatch(/note: at most 4000 characters/);
    await stack.flushed();
    const reviews = await stack.warehouse.query<{ n: number }>(
      "SELECT toUInt32(count()) AS n FROM qa_flag_reviews WHERE flag_id = 'g4'",
      {},
    );
    expect(reviews).toEqual([{ n: 0 }]);
  });

  it("audits every review with the reviewer's role, the call and the agent, refusals included", async () => {
    await stack.flushed();
    const audit = await eventually(async () => {
      const r = await stack.gql(
        "admin",
        `{ auditLog(from: "2026-11-01T00:00:00Z", to: "2027-06-01T00:00:00Z", first: 50) { nodes { action role callId agentId outcome reason } } }`,
      );
      const nodes = (dataOf(r.body).auditLog as { nodes: { action: string }[] }).nodes.filter(
        (n) => n.action === "REVIEW_QA_FLAG",
      );
      return nodes.length === 7 ? nodes : undefined;
    });
    expect(audit).toEqual(
      expect.arrayContaining([
        {
          action: "REVIEW_QA_FLAG",
          role: "QA",
          callId: "k1",
          agentId: "a1",
          outcome: "accepted",
          reason: "false-positive g1 (r-shirk)",
        },
        {
          action: "REVIEW_QA_FLAG",
          role: "SUPERVISOR",
          callId: "k5",
          agentId: "a2",
          outcome: "accepted",
          reason: "confirmed g3 (r-shirk)",
        },
        {
          action: "REVIEW_QA_FLAG",
          role: "QA",
          callId: null,
          agentId: null,
          outcome: "failed",
          reason: "no QA flag no-such-flag",
        },
        // exec and bi were refused: the refusal is in the trail too.
        {
          action: "REVIEW_QA_FLAG",
          role: "EXEC",
          callId: null,
          agentId: null,
          outcome: "denied",
          reason: "role exec may not review-qa-flag",
        },
        {
          action: "REVIEW_QA_FLAG",
          role: "BI",
          callId: null,
          agentId: null,
          outcome: "denied",
          reason: "role bi may not review-qa-flag",
        },
      ]),
    );
  });
});
