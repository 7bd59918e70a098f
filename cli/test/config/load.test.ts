import { describe, expect, it } from "vitest";
import { ConfigError, type ConfigFlags, loadConfig } from "../../src/config/index";

const file = "./x.yaml";

function load(yaml: string | undefined, env: NodeJS.ProcessEnv = {}, flags: ConfigFlags = {}) {
  return loadConfig({
    env: yaml === undefined ? env : { STARBOARD_CONFIG: file, ...env },
    flags,
    readFile: (path) => {
      if (path !== file) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return yaml ?? "";
    },
  });
}

function failure(yaml: string | undefined, env: NodeJS.ProcessEnv = {}): string {
  try {
    load(yaml, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const threeQueues = (third: string) => `queues:\n  - id: a\n  - id: b\n  - id: c\n    ${third}\n`;

describe("STARBOARD_CONFIG validation names the file and the key path", () => {
  it.each([
    [threeQueues("thresholdSeconds: -3"), "queues[2].thresholdSeconds: expected a positive number"],
    [threeQueues("thresholdSeconds: soon"), "queues[2].thresholdSeconds: expected a positive number"],
    [
      threeQueues("targetServiceLevel: 80"),
      "queues[2].targetServiceLevel: expected a fraction between 0 and 1",
    ],
    [threeQueues("thresholdSecs: 20"), 'queues[2]: unknown key "thresholdSecs"'],
    [
      threeQueues("overflow: { afterSeconds: 30, toQueueId: nowhere }"),
      'queues[2].overflow.toQueueId: no queue "nowhere"',
    ],
    ["queues:\n  - id: a\n  - id: a\n", 'queues[1].id: "a" is listed twice'],
    [
      "agents:\n  - id: a1\n    skills: [{ skill: billing, level: 11 }]\n",
      "agents[0].skills[0].level: expected a skill level 1..10",
    ],
    [
      "skills: [sales]\nagents:\n  - id: a1\n    skills: [{ skill: billing, level: 5 }]\n",
      'agents[0].skills[0].skill: "billing" is not in skills',
    ],
    ["businessHours:\n  days: { mon: 9-17 }\n", 'businessHours.days.mon: expected "HH:MM-HH:MM"'],
    ["businessHours:\n  days: { funday: 09:00-17:00 }\n", 'businessHours.days: unknown key "funday"'],
    [
      "queues:\n  - id: a\n    hours: { days: { mon: 18:00-09:00 } }\n",
      'queues[0].hours.days.mon: "18:00-09:00" closes before it opens',
    ],
    ["ports: { graphql: 70000 }\n", "ports.graphql: expected a port number 0..65535"],
    ["webhookSecret: short\n", "webhookSecret: expected a secret of at least 16 characters"],
    [
      "qaRules:\n  - { id: r1, category: abuse, keywords: [] }\n",
      "qaRules[0].keywords: expected at least one keyword",
    ],
    ["customers:\n  - { id: c1, tier: 3 }\n", "customers[0].tier: expected a tier"],
    ["demand:\n  keywords: [3]\n", "demand.keywords[0]: "],
    [
      "demand:\n  keywords:\n    - { id: k1, kind: phrases, category: slow, severity: low, side: customer, phrases: [] }\n",
      "demand.keywords: ",
    ],
    ["queues: [a\n", "not valid YAML"],
    ["colour: blue\n", '(top level): unknown key "colour"'],
  ])("%j -> %s", (yaml, message) => {
    const text = failure(yaml);
    expect(text).toContain(`STARBOARD_CONFIG ${file}: `);
    expect(text).toContain(message);
  });

  it("says when the file cannot be read", () => {
    expect(failure(undefined, { STARBOARD_CONFIG: "./missing.yaml" })).toBe(
      "STARBOARD_CONFIG ./missing.yaml: cannot read the file (ENOENT)",
    );
  });
});

describe("environment checks", () => {
  it.each([
    [{ STARBOARD_ESL_PORT: "eighty" }, 'STARBOARD_ESL_PORT: expected a port number 1..65535, got "eighty"'],
    [{ STARBOARD_CLICKHOUSE_URL: "host:8123" }, "STARBOARD_CLICKHOUSE_URL: expected an http(s):// URL"],
    [
      { STARBOARD_API_KEYS: "abcdefghijklmnopqrst:boss" },
      'STARBOARD_API_KEYS entry 1: role "boss" is not one of',
    ],
    [{ STARBOARD_API_KEYS: "short:bi" }, "STARBOARD_API_KEYS entry 1: the key is shorter than 16 characters"],
    [
      { STARBOARD_API_KEYS: "abcdefghijklmnopqrst:bi,nocolon" },
      "STARBOARD_API_KEYS entry 2: expected key:role",
    ],
  ])("%j -> %s", (env, message) => {
    expect(failure(undefined, env)).toContain(message);
  });
});

describe("layers: defaults, then the file, then the environment, then flags", () => {
  const yaml = [
    "tenant: acme",
    "skills: [billing, sales]",
    "sla: { thresholdSeconds: 30 }",
    "businessHours: { utcOffsetMinutes: 480, days: { mon: 09:00-18:00 } }",
    "queues:",
    "  - id: billing",
    "    defaultSkills: [{ skill: billing, minLevel: 3 }]",
    "    overflow: { afterSeconds: 60, toQueueId: general }",
    "  - id: general",
    "    thresholdSeconds: 10",
    "    hours: { days: { sat: 10:00-12:00 } }",
    "agents:",
    "  - id: a1",
    "    skills: [{ skill: billing, level: 7 }]",
    "customers:",
    "  - { id: cust-1, phones: ['+8613800138000'], tier: vip, tags: [complained] }",
    "ports: { graphql: 4500, chat: 4600 }",
    "routing: { ringTimeoutSeconds: 15 }",
  ].join("\n");

  it.each([
    [
      "defaults only",
      undefined,
      {},
      {},
      { tenant: "default", graphql: 4000, dashboard: 3000, queues: ["support@default"] },
    ],
    [
      "the file",
      yaml,
      {},
      {},
      { tenant: "acme", graphql: 4500, dashboard: 3000, queues: ["billing", "general"] },
    ],
    [
      "flags over the file",
      yaml,
      {},
      { ports: { graphql: 0 } },
      { tenant: "acme", graphql: 0, dashboard: 3000, queues: ["billing", "general"] },
    ],
  ])("%s", (_name, text, env, flags, expected) => {
    const config = load(text, env, flags);
    expect({
      tenant: config.tenant,
      graphql: config.ports.graphql,
      dashboard: config.ports.dashboard,
      queues: config.routing.queues.map((q) => q.id),
    }).toEqual(expected);
  });

  it("resolves hours, SLA defaults, agents and the customer directory from the file", () => {
    const config = load(yaml);
    const [billing, general] = config.routing.queues;
    expect(billing?.thresholdSeconds).toBe(30);
    expect(billing?.hours).toEqual({ utcOffsetMinutes: 480, days: { 1: [540, 1080] } });
    expect(general?.thresholdSeconds).toBe(10);
    expect(general?.hours).toEqual({ utcOffsetMinutes: 0, days: { 6: [600, 720] } });
    expect(config.routing.ringTimeoutSeconds).toBe(15);
    expect(config.agents).toEqual([
      { id: "a1", name: "a1", skills: [{ skill: "billing", level: 7 }], capacity: { voice: 1 } },
    ]);
    expect(config.customers[0]).toEqual({
      id: "cust-1",
      phones: ["+8613800138000"],
      identities: [],
      tier: "vip",
      tags: ["complained"],
    });
    expect(config.configFile).toBe(file);
  });

  it("takes the environment over the defaults and flags over the environment", () => {
    const config = load(
      undefined,
      {
        STARBOARD_DATA_DIR: "/tmp/sb-data",
        STARBOARD_KAFKA_BROKERS: "k1:9092, k2:9092",
        STARBOARD_CLICKHOUSE_URL: "http://ch:8123",
        STARBOARD_ESL_HOST: "fs.local",
        STARBOARD_ESL_PORT: "8022",
        STARBOARD_ESL_PASSWORD: "secret",
        STARBOARD_API_KEYS: "abcdefghijklmnopqrst:supervisor, zyxwvutsrqponmlkjihg:bi",
      },
      { dataDir: "/tmp/sb-flag", simulator: "load", speed: 10, seed: 7, services: ["router", "sink"] },
    );
    expect(config).toMatchObject({
      dataDir: "/tmp/sb-flag",
      kafkaBrokers: ["k1:9092", "k2:9092"],
      clickhouseUrl: "http://ch:8123",
      esl: { host: "fs.local", port: 8022, password: "secret" },
      apiKeys: [
        { key: "abcdefghijklmnopqrst", role: "supervisor" },
        { key: "zyxwvutsrqponmlkjihg", role: "bi" },
      ],
      simulator: { mode: "load", speed: 10, seed: 7 },
      services: ["router", "sink"],
    });
  });
});
