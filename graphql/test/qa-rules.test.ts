import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, eventually, keys, routing, type Stack, startStack } from "./harness";

// QA rule management through the API: the config's rules, saves and removals as events on the log
// (so every instance agrees), validation problems naming the field.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    qaRules: [
      {
        id: "abuse-en",
        kind: "phrases",
        category: "abuse",
        severity: "high",
        side: "agent",
        phrases: ["shut up"],
      },
    ],
  });
});
afterAll(async () => {
  await stack.close();
});

const list = async (role = "qa") =>
  dataOf(
    (await stack.gql(role, "{ qaRules { id kind category severity side phrases origin savedBy } }")).body,
  ).qaRules as {
    id: string;
    origin: string;
    phrases: string[] | null;
    savedBy: string | null;
  }[];

const save = (rule: string) =>
  stack.gql(
    "qa",
    `mutation { saveQaRule(rule: { ${rule} }) { status rule { id origin } problems { field message } } }`,
  );

describe("QA rules through the API", () => {
  it("lists the config's rules", async () => {
    expect(await list()).toEqual([
      {
        id: "abuse-en",
        kind: "PHRASES",
        category: "abuse",
        severity: "HIGH",
        side: "AGENT",
        phrases: ["shut up"],
        origin: "CONFIG",
        savedBy: null,
      },
    ]);
  });

  it("saves a rule for everyone, overrides a config rule by id, and removes it", async () => {
    const saved = await save(
      'id: "promise-refund-zh", kind: PHRASES, category: "prohibited-promise", severity: HIGH, side: AGENT, phrases: ["保证退款", "一定给您退"]',
    );
    expect(dataOf(saved.body).saveQaRule).toEqual({
      status: "SUCCEEDED",
      rule: { id: "promise-refund-zh", origin: "API" },
      problems: [],
    });
    await eventually(async () =>
      (await list()).some((r) => r.id === "promise-refund-zh") ? true : undefined,
    );

    await save(
      'id: "abuse-en", kind: PHRASES, category: "abuse", severity: CRITICAL, side: AGENT, phrases: ["shut up", "idiot"]',
    );
    const overridden = await eventually(async () =>
      (await list()).find((r) => r.id === "abuse-en" && r.origin === "API"),
    );
    expect(overridden.phrases).toEqual(["shut up", "idiot"]);
    expect(overridden.savedBy).toMatch(/^key-/);

    const removed = await stack.gql("admin", 'mutation { removeQaRule(id: "promise-refund-zh") { status } }');
    expect(dataOf(removed.body).removeQaRule).toEqual({ status: "SUCCEEDED" });
    await eventually(async () =>
      (await list()).some((r) => r.id === "promise-refund-zh") ? undefined : true,
    );
  });

  it.each([
    ['id: "r1", kind: PHRASES, category: "abuse", severity: HIGH, phrases: []', "phrases"],
    ['id: "r2", kind: REGEX, category: "abuse", severity: HIGH, pattern: "("', "pattern"],
    ['id: "r3", kind: SILENCE, category: "silence", severity: LOW', "maxSeconds"],
  ])("refuses %s, naming %s", async (rule, field) => {
    const r = dataOf((await save(rule)).body).saveQaRule as { status: string; problems: { field: string }[] };
    expect(r.status).toBe("FAILED");
    expect(r.problems.map((p) => p.field)).toContain(field);
  });

  it("removing an unknown rule fails with the reason", async () => {
    const r = await stack.gql(
      "qa",
      'mutation { removeQaRule(id: "nope") { status problems { field message } } }',
    );
    expect(dataOf(r.body).removeQaRule).toEqual({
      status: "FAILED",
      problems: [{ field: "id", message: "no QA rule nope" }],
    });
  });

  it("a second API instance started later has the same rules", async () => {
    const { startApiServer } = await import("../src/index");
    const second = await startApiServer({
      log: stack.log,
      warehouse: stack.warehouse,
      routing,
      apiKeys: [{ key: keys.qa, role: "qa" }],
      port: 0,
      qaRules: [
        {
          id: "abuse-en",
          kind: "phrases",
          category: "abuse",
          severity: "high",
          side: "agent",
          phrases: ["shut up"],
        },
      ],
    });
    try {
      await second.feed.ready();
      expect(second.feed.qaRules.list().map((e) => `${e.rule.id}:${e.origin}`)).toEqual(["abuse-en:api"]);
    } finally {
      await second.close();
    }
  });
});
