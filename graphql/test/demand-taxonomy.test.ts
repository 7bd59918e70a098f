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

// The demand taxonomy through the API: read the built-in one, save another (validated, problems by
// field), the real QA service applies it from the log, and new customer text is counted by it.

const t0 = Date.UTC(2026, 10, 6, 9, 0, 0);
const range = 'from: "2026-11-06T00:00:00Z", to: "2026-11-07T00:00:00Z"';

let stack: Stack;
let qa: QaService;
beforeAll(async () => {
  stack = await startStack();
  qa = await startQaService({ log: stack.log, rules: compileRules(defaultQaRules) });
});
afterAll(async () => {
  await qa.stop();
  await stack.close();
});

type Taxonomy = {
  categories: { term: string }[];
  keywords: { term: string; phrases: string[] }[];
  savedBy: string | null;
};
const taxonomy = async (role = "exec") =>
  dataOf(
    (await stack.gql(role, "{ demandTaxonomy { categories { term } keywords { term phrases } savedBy } }"))
      .body,
  ).demandTaxonomy as Taxonomy;
const save = (role: string, categories: unknown[], keywords: unknown[]) =>
  stack.gql(
    role,
    "mutation($c: [DemandTermInput!]!, $k: [DemandTermInput!]!) { saveDemandTaxonomy(categories: $c, keywords: $k) { status problems { field message } taxonomy { keywords { term } savedBy } } }",
    { c: categories, k: keywords },
  );

describe("the demand taxonomy through the API", () => {
  it("starts with the built-in bilingual one", async () => {
    const t = await taxonomy();
    expect(t.savedBy).toBeNull();
    expect(t.categories.map((c) => c.term)).toContain("logistics");
    expect(t.keywords.find((k) => k.term === "物流慢")?.phrases).toContain("物流太慢");
  });

  it("refuses a term without phrases or listed twice, naming the field; exec may not save", async () => {
    const r = dataOf(
      (
        await save(
          "qa",
          [{ term: "order", phrases: [] }],
          [
            { term: "催单", phrases: ["催一下"] },
            { term: "催单", phrases: ["快点发货"] },
          ],
        )
      ).body,
    ).saveDemandTaxonomy as { status: string; problems: { field: string }[] };
    expect(r.status).toBe("FAILED");
    expect(r.problems.map((p) => p.field)).toEqual(["categories[0].phrases", "keywords[1].term"]);
    const denied = await save("exec", [], []);
    expect(denied.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });

  it("a saved taxonomy is what every scanner counts from then on", async () => {
    const r = dataOf(
      (
        await save(
          "admin",
          [{ term: "shipping", phrases: ["快递", "parcel"] }],
          [{ term: "催单", phrases: ["什么时候发货", "催一下"], notPrecededBy: ["不用"] }],
        )
      ).body,
    ).saveDemandTaxonomy as { status: string; taxonomy: { keywords: { term: string }[]; savedBy: string } };
    expect(r.status).toBe("SUCCEEDED");
    expect(r.taxonomy.keywords).toEqual([{ term: "催单" }]);
    await eventually(() => (qa.stats.taxonomyEdits === 1 ? true : undefined));
    const say = (contactId: string, s: number, text: string) =>
      ({
        id: randomUUID(),
        type: "message.received",
        version: 1,
        time: new Date(t0 + s * 1000).toISOString(),
        tenant: "default",
        source: "test",
        channel: "webchat",
        contactId,
        data: { messageId: `${contactId}-${s}`, senderRole: "customer", text },
      }) as StarboardEvent;
    await stack.publish([
      say("x1", 1, "请问什么时候发货？快递单号多少"),
      say("x2", 2, "不用催一下了"),
      say("x3", 3, "物流太慢了"),
    ]);
    const share = await eventually(async () => {
      const got = dataOf(
        (await stack.gql("exec", `{ demandShare(${range}) { terms { kind term contacts } } }`)).body,
      ).demandShare as { terms: { kind: string; term: string; contacts: number }[] };
      return got.terms.length >= 2 ? got : undefined;
    });
    // x3's slow delivery is no longer a tracked phrase; x2's 催一下 follows 不用.
    expect(share.terms).toEqual([
      { kind: "CATEGORY", term: "shipping", contacts: 1 },
      { kind: "KEYWORD", term: "催单", contacts: 1 },
    ]);
    const now = await eventually(async () => {
      const t = await taxonomy("qa");
      return t.savedBy === null ? undefined : t;
    });
    expect(now.categories).toEqual([{ term: "shipping" }]);
    expect(now.savedBy).toMatch(/^key-/);
  });
});
