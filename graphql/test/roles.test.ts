import { readFileSync } from "node:fs";
import { type Role, roles } from "@starboard/core";
import {
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLNamedType,
  GraphQLObjectType,
  getNamedType,
  isEnumType,
  isNonNullType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleMatrix } from "../src/auth/role-matrix";
import { buildApiSchema } from "../src/schema";
import { eventually, type Stack, startStack } from "./harness";

// The role matrix, entry point by entry point, for every role: denied means FORBIDDEN and nothing
// done (a denied supervisor action is still audited); allowed means no FORBIDDEN.

const schema = buildApiSchema();
const sample: Record<string, string> = {
  ID: '"x-1"',
  String: '"x-1"',
  Int: "10",
  Float: "180",
  Boolean: "false",
  DateTime: '"2026-11-01T00:00:00Z"',
};

function sampleValue(named: GraphQLNamedType): string {
  if (isEnumType(named)) return named.getValues()[0]?.name ?? "";
  if (named instanceof GraphQLInputObjectType) {
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${sampleValue(getNamedType(f.type))}`).join(", ")} }`;
  }
  return sample[named.name] ?? '"x"';
}

function argumentsFor(field: GraphQLField<unknown, unknown>): string {
  const given = field.args
    .filter((a) => isNonNullType(a.type))
    .map((a) => {
      const named = getNamedType(a.type);
      if (a.name === "to") return `to: "2026-11-02T00:00:00Z"`;
      return `${a.name}: ${sampleValue(named)}`;
    });
  return given.length === 0 ? "" : `(${given.join(", ")})`;
}

function operation(type: "Query" | "Mutation", name: string): string {
  const root = schema.getType(type) as GraphQLObjectType;
  const field = root.getFields()[name];
  if (field === undefined) throw new Error(`no ${type}.${name}`);
  const named = getNamedType(field.type);
  const selection =
    named instanceof GraphQLObjectType || named instanceof GraphQLInputObjectType ? " { __typename }" : "";
  return `${type === "Mutation" ? "mutation " : ""}{ ${name}${argumentsFor(field)}${selection} }`;
}

const entries = (type: "Query" | "Mutation") =>
  Object.keys((schema.getType(type) as GraphQLObjectType).getFields()).map((name) => `${type}.${name}`);

describe("the matrix covers the schema", () => {
  it("lists every Query, Mutation and Subscription field and nothing else", () => {
    const fields = (["Query", "Mutation", "Subscription"] as const).flatMap((t) =>
      Object.keys((schema.getType(t) as GraphQLObjectType).getFields()).map((f) => `${t}.${f}`),
    );
    expect(Object.keys(roleMatrix).sort()).toEqual(fields.sort());
  });

  it("matches the table in the README", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const rows = readme
      .split("\n")
      .filter((l) => /^\| (Query|Mutation|Subscription)\./.test(l))
      .map((l) =>
        l
          .split("|")
          .map((c) => c.trim())
          .filter((c) => c !== ""),
      );
    const fromReadme = Object.fromEntries(
      rows.map(([entry, ...cells]) => [entry, roles.filter((_, i) => cells[i] === "yes")]),
    );
    const fromCode = Object.fromEntries(
      Object.entries(roleMatrix).map(([e, r]) => [e, roles.filter((x) => r.includes(x))]),
    );
    expect(fromReadme).toEqual(fromCode);
  });
});

/** The mutations that are supervisor actions (audited as supervisor.action, allowed or not). */
// Every mutation whose refusal is audited (start.ts mutationAction): a QA verdict is a supervisor
// action on a call too.
const supervisorActions = new Set(
  [
    "monitorCall",
    "changeMonitorMode",
    "stopMonitor",
    "takeOverCall",
    "forceHangup",
    "setAgentState",
    "reviewQaFlag",
  ].map((m) => `Mutation.${m}`),
);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ commandTimeoutMs: 200 });
});
afterAll(async () => {
  await stack.close();
});

const cases = (["Query", "Mutation"] as const).flatMap((type) =>
  entries(type).flatMap((entry) => roles.map((role) => [entry, role] as [string, Role])),
);

describe("every role against every entry point", () => {
  it.each(cases)("%s as %s", async (entry, role) => {
    const [type, name] = entry.split(".") as ["Query" | "Mutation", string];
    const r = await stack.gql(role, operation(type, name));
    expect(r.status).toBe(200);
    const codes = (r.body.errors ?? []).map((e) => e.extensions?.code);
    if (roleMatrix[entry]?.includes(role)) expect(codes).not.toContain("FORBIDDEN");
    else {
      expect(codes).toEqual(["FORBIDDEN"]);
      // A nullable field comes back null, a non-null one nulls the whole response: nothing leaks.
      expect(Object.values(r.body.data ?? {}).every((v) => v === null)).toBe(true);
    }
  });

  it("audits every denied supervisor action, with the role and no key", async () => {
    const deniedActions = cases.filter(
      ([entry, role]) => supervisorActions.has(entry) && !roleMatrix[entry]?.includes(role),
    ).length;
    expect(deniedActions).toBeGreaterThan(10);
    await stack.flushed();
    const rows = await eventually(async () => {
      const found = await stack.warehouse.query<{ role: string; actor_id: string; action: string }>(
        "SELECT role, actor_id, action FROM supervisor_actions WHERE outcome = 'denied'",
        {},
      );
      return found.length >= deniedActions ? found : undefined;
    });
    expect(rows).toHaveLength(deniedActions);
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(["exec", "bi", "qa"]));
    for (const r of rows) expect(r.actor_id).toMatch(/^key-[0-9a-f]{10}$/);
  });
});

// Fields added inside an entry point carry no rule of their own: they inherit it. Each one here is
// asked for on its own, by every role, so a new nested field reachable without the check would fail.
const nested: [entry: string, document: string][] = [
  [
    "Query.serviceLevel",
    '{ serviceLevel(from: "2026-11-01T00:00:00Z", to: "2026-11-01T01:00:00Z") { staffed { queueId start agents agentSeconds seconds } } }',
  ],
  [
    "Query.queues",
    "{ queues { waitingContacts { waitReason { code requirements { skill minLevel } eligibleAgents idleEligibleAgents relax { skill toLevel inSeconds } overflow { toQueueId inSeconds } callbackRequested } } } }",
  ],
  [
    "Query.alerts",
    "{ alerts { params { category matchedText queueId agentId contactId ticketNumber flagId value threshold unit } } }",
  ],
];

describe("nested fields inherit their entry point's rule", () => {
  const nestedCases = nested.flatMap(([entry, doc]) => roles.map((role) => [entry, role, doc] as const));
  it.each(nestedCases)("%s as %s", async (entry, role, doc) => {
    const r = await stack.gql(role, doc);
    const codes = (r.body.errors ?? []).map((e) => e.extensions?.code);
    if (roleMatrix[entry]?.includes(role)) expect(r.body.errors).toBeUndefined();
    else expect(codes).toEqual(["FORBIDDEN"]);
  });
});
