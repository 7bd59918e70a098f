import { randomUUID } from "node:crypto";
import {
  compileRules,
  defaultQaRules,
  type QaService,
  type StarboardEvent,
  startQaService,
} from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, eventually, type Stack, startStack } from "./harness";

// Demand shares end to end: customers' messages on the log, the real QA service finds categories and
// tracked keywords (demand.categorized), the sink stores them, demandShare reads them back.

const t0 = Date.UTC(2026, 10, 4, 9, 0, 0);
const range = 'from: "2026-11-04T00:00:00Z", to: "2026-11-05T00:00:00Z"';
const envelope = (s: number, contactId: string) => ({
  id: randomUUID(),
  version: 1,
  time: new Date(t0 + s * 1000).toISOString(),
  tenant: "default",
  source: "test",
  channel: "webchat",
  contactId,
});
const created = (contactId: string, s: number) =>
  ({
    ...envelope(s, contactId),
    type: "contact.created",
    data: { direction: "inbound", from: "+8613800000001", to: "web" },
  }) as StarboardEvent;
const said = (contactId: string, s: number, text: string, senderRole = "customer") =>
  ({
    ...envelope(s, contactId),
    type: senderRole === "customer" ? "message.received" : "message.sent",
    ...(senderRole === "agent" ? { agentId: "a-1" } : {}),
    data: { messageId: `${contactId}-${s}`, senderRole, text },
  }) as StarboardEvent;

let stack: Stack;
let qa: QaService;
beforeAll(async () => {
  stack = await startStack();
  qa = await startQaService({ log: stack.log, rules: compileRules(defaultQaRules) });
  await stack.publish([
    created("w1", 0),
    created("w2", 1),
    created("w3", 2),
    created("w4", 3),
    said("w1", 10, "快递三天了还没到，物流太慢了"),
    said("w1", 20, "物流慢死了"),
    said("w2", 11, "I want a refund, the parcel arrived broken"),
    // The agent's words are not demand.
    said("w3", 12, "不好意思物流慢", "agent"),
  ]);
  await stack.flushed();
});
afterAll(async () => {
  await qa.stop();
  await stack.close();
});

type Share = {
  totalContacts: number;
  terms: { kind: string; term: string; contacts: number; share: number }[];
};
const share = async (role: string, kind = "") =>
  dataOf(
    (
      await stack.gql(
        role,
        `{ demandShare(${range}${kind === "" ? "" : `, kind: ${kind}`}) { totalContacts terms { kind term contacts share daily { day contacts share } } } }`,
      )
    ).body,
  ).demandShare as Share;

describe("demandShare", () => {
  it("shares of contacts per category and tracked keyword, once per contact", async () => {
    const r = await eventually(async () => {
      const got = await share("exec");
      return got.terms.length >= 4 ? got : undefined;
    });
    expect(qa.stats.categorized).toBe(2);
    expect(r.totalContacts).toBe(4);
    expect(r.terms.map((t) => [t.kind, t.term, t.contacts, t.share])).toEqual([
      ["CATEGORY", "logistics", 2, 0.5],
      ["CATEGORY", "refund", 1, 0.25],
      ["KEYWORD", "物流慢", 1, 0.25],
      ["KEYWORD", "质量问题", 1, 0.25],
    ]);
  });

  it("one kind for bi; refused for qa", async () => {
    const r = await share("bi", "KEYWORD");
    expect(r.terms.map((t) => t.term)).toEqual(["物流慢", "质量问题"]);
    const denied = await stack.gql("qa", `{ demandShare(${range}) { totalContacts } }`);
    expect(denied.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });
});
