import { readFileSync } from "node:fs";
import {
  type WaitReason as CoreWaitReason,
  alertKinds as coreAlertKinds,
  waitReasonCodes as coreWaitReasonCodes,
  type RoutingConfig,
  RoutingEngine,
  type StarboardEvent,
  systemNotReadyReasons,
} from "@starboard/core";
import { describe, expect, it } from "vitest";
import { formatters } from "../src/lib/format";
import { fill, type Locale, type MessageKey, messages } from "../src/lib/i18n";
import {
  alertKinds,
  alertMessages,
  alertText,
  operationErrorCodes,
  operationErrorMessages,
  operationErrorText,
  reasonText,
  systemReasonMessages,
  systemReasons,
  type WaitReason,
  waitReasonCodes,
  waitReasonMessages,
  waitReasonText,
} from "../src/lib/server-text";

// The server's English, worded by the dashboard from codes and numbers: every code the server can
// send has a message in both languages, and the English wording says what the router's own sentence
// says (built by core's real engine here), so the two cannot drift apart.

const enumName = (code: string) => code.replaceAll("-", "_").toUpperCase();
const tr = (locale: Locale) => (key: MessageKey, values?: Record<string, string | number>) =>
  values === undefined ? messages[locale][key] : fill(messages[locale][key], values);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const han = /[\u4e00-\u9fff]/;

function bothLanguages(key: MessageKey): void {
  expect(messages.en[key].trim().length, key).toBeGreaterThan(0);
  expect(messages["zh-CN"][key], key).toMatch(han);
  expect(placeholders(messages["zh-CN"][key]), key).toEqual(placeholders(messages.en[key]));
}

describe("every server code has an en and a zh-CN message", () => {
  it("wait reasons: the dashboard's codes are core's and the schema's, each with messages", () => {
    expect([...waitReasonCodes].sort()).toEqual(coreWaitReasonCodes.map(enumName).sort());
    const schema = readFileSync(new URL("../../graphql/schema.graphql", import.meta.url), "utf8");
    const block = /enum WaitReasonCode \{([^}]*)\}/.exec(schema)?.[1] ?? "";
    const inSchema = [...block.matchAll(/^\s*([A-Z_]+)\s*$/gm)].map((m) => m[1]);
    expect(inSchema.sort()).toEqual([...waitReasonCodes].sort());
    for (const code of waitReasonCodes) {
      bothLanguages(waitReasonMessages[code].one);
      bothLanguages(waitReasonMessages[code].other);
    }
    for (const key of ["waitRelax", "waitOverflow", "waitCallback", "waitAnySkill"] as const)
      bothLanguages(key);
  });

  it("alerts: every kind core raises", () => {
    expect([...alertKinds].sort()).toEqual(coreAlertKinds.map(enumName).sort());
    for (const kind of alertKinds) bothLanguages(alertMessages[kind]);
    bothLanguages("alertSlBelowTargetWithin");
    bothLanguages("alertLongAwayReason");
  });

  it("the platform's not-ready reasons", () => {
    for (const r of systemNotReadyReasons) expect(systemReasons).toContain(r);
    for (const r of systemReasons) bothLanguages(systemReasonMessages[r]);
    expect(reasonText(tr("zh-CN"), "ring-timeout")).toBe("未接来电");
    // An install's own codes are shown as configured.
    expect(reasonText(tr("zh-CN"), "lunch")).toBe("lunch");
  });
});

// Core's engine, fed the way the router is: why each contact waits, as text and as facts.
const T0 = Date.parse("2026-11-30T09:00:00Z");
let n = 0;
const env = (s: number) => ({
  id: `st-${++n}`,
  version: 1 as const,
  time: new Date(T0 + s * 1000).toISOString(),
  tenant: "default",
  source: "test",
});
const agent = (s: number, agentId: string, level: number): StarboardEvent[] => [
  {
    ...env(s),
    type: "agent.signed-in",
    agentId,
    data: { skills: [{ skill: "billing", level }], capacity: { voice: 1 }, endpoint: `user/${agentId}` },
  },
  { ...env(s), type: "agent.ready", agentId, data: {} },
];
const queued = (s: number, contactId: string): StarboardEvent => ({
  ...env(s),
  type: "contact.queued",
  contactId,
  channel: "voice",
  data: {
    queueId: "billing",
    requiredSkills: [{ skill: "billing", minLevel: 5 }],
    priority: 0,
    entry: "new",
    position: 1,
  },
});

function asApi(r: CoreWaitReason | undefined): WaitReason {
  if (r === undefined) throw new Error("the contact does not wait");
  return {
    code: enumName(r.code) as WaitReason["code"],
    requirements: r.requirements,
    eligibleAgents: r.eligibleAgents,
    idleEligibleAgents: r.idleEligibleAgents,
    relax: r.nextRelax ?? null,
    overflow: r.overflow ?? null,
    callbackRequested: r.callbackRequested,
  };
}

function engineWith(config: RoutingConfig, events: StarboardEvent[]): RoutingEngine {
  const engine = new RoutingEngine(config);
  for (const e of events) engine.handle(e);
  return engine;
}

describe("wait reasons in words", () => {
  const en = tr("en");
  const zh = tr("zh-CN");
  const fmtEn = formatters("en");
  const fmtZh = formatters("zh-CN");

  it("nobody has the skills", () => {
    const engine = engineWith({ queues: [{ id: "billing" }] }, [queued(10, "c1")]);
    const reason = asApi(engine.waitReason("c1"));
    expect(reason.code).toBe("NO_ELIGIBLE_AGENT");
    expect(waitReasonText(en, fmtEn, reason)).toBe(engine.whyWaiting("c1"));
    expect(waitReasonText(zh, fmtZh, reason)).toBe("没有已登录坐席具备 billing>=5");
  });

  it("one agent busy, with a relax rule", () => {
    const engine = engineWith({ queues: [{ id: "billing", relax: [{ afterSeconds: 60, toLevel: 3 }] }] }, [
      ...agent(0, "a1", 6),
      queued(10, "c1"),
      queued(11, "c2"),
    ]);
    const reason = asApi(engine.waitReason("c2"));
    expect(reason).toMatchObject({ code: "ALL_ELIGIBLE_BUSY", eligibleAgents: 1, relax: { inSeconds: 60 } });
    expect(waitReasonText(en, fmtEn, reason)).toBe(engine.whyWaiting("c2"));
    expect(waitReasonText(zh, fmtZh, reason)).toBe("1 名坐席具备 billing>=5，均无空闲；60 秒后放宽至 3 级");
  });

  it("two agents busy, with an overflow", () => {
    const engine = engineWith(
      { queues: [{ id: "billing", overflow: { afterSeconds: 90, toQueueId: "sales" } }, { id: "sales" }] },
      [...agent(0, "a1", 6), ...agent(0, "a2", 9), queued(10, "c1"), queued(11, "c2"), queued(40, "c3")],
    );
    const reason = asApi(engine.waitReason("c3"));
    expect(reason).toMatchObject({
      code: "ALL_ELIGIBLE_BUSY",
      eligibleAgents: 2,
      overflow: { inSeconds: 90 },
    });
    expect(waitReasonText(en, fmtEn, reason)).toBe(engine.whyWaiting("c3"));
    expect(waitReasonText(zh, fmtZh, reason)).toBe("2 名坐席具备 billing>=5，均无空闲；90 秒后溢出至 sales");
  });

  it("idle agents serving those ahead, a callback, long waits in minutes and numbers per locale", () => {
    const reason: WaitReason = {
      code: "IDLE_SERVING_AHEAD",
      requirements: [
        { skill: "billing", minLevel: 5 },
        { skill: "粤语", minLevel: 3 },
      ],
      eligibleAgents: 1200,
      idleEligibleAgents: 3,
      relax: { skill: "billing", toLevel: 3, inSeconds: 300 },
      overflow: null,
      callbackRequested: true,
    };
    expect(waitReasonText(en, fmtEn, reason)).toBe(
      "1,200 agents have billing>=5 and 粤语>=3, 3 idle serving contacts ahead; relaxes to level 3 in 5 min; callback requested, keeps its place",
    );
    expect(waitReasonText(zh, fmtZh, reason)).toBe(
      "1,200 名坐席具备 billing>=5 且 粤语>=3，3 名空闲坐席正在服务排在前面的客户；5 分钟后放宽至 3 级；已请求回拨，保留排队位置",
    );
  });
});

describe("supervisor action failures in words", () => {
  it("every code the supervisor service returns has messages; the switch's answer is quoted", () => {
    const service = readFileSync(
      new URL("../../graphql/src/services/supervisor.ts", import.meta.url),
      "utf8",
    );
    // this.failure("action", "CODE", ...) and error: { code: "CODE", ... } in the service's source.
    const returned = new Set(
      [...service.matchAll(/failure\(\s*"[a-z-]+",\s*"([A-Z_]+)"|code: "([A-Z_]+)"/g)].map(
        (m) => m[1] ?? m[2],
      ),
    );
    expect(returned.size).toBeGreaterThanOrEqual(4);
    for (const code of returned) expect(operationErrorCodes, `${code} has no messages`).toContain(code);
    for (const code of operationErrorCodes) bothLanguages(operationErrorMessages[code]);
    expect(operationErrorText(tr("zh-CN"), "SWITCH_REFUSED", "-ERR NO_ANSWER")).toBe(
      "交换机拒绝：-ERR NO_ANSWER",
    );
    expect(operationErrorText(tr("zh-CN"), "NOT_FOUND", "call c-1 is not live")).toBe("未找到或已结束");
    expect(operationErrorText(tr("zh-CN"), "SOMETHING_NEW", "as said")).toBe("as said");
  });
});

describe("alert messages in words", () => {
  const params = {
    category: null,
    matchedText: null,
    queueId: "billing",
    agentId: null,
    contactId: "c-9",
    ticketNumber: null,
    flagId: null,
    value: 75.4,
    threshold: 60,
    unit: "SECONDS",
  };
  it("a long wait and a service level, in both languages; a kind this app does not know stays English", () => {
    const long = { kind: "LONG_WAIT", subject: "c-9", message: "c-9 has waited 75 s in billing", params };
    // The subject (c-9) is shown beside the message, which does not repeat it.
    expect(alertText(tr("en"), formatters("en"), long)).toBe("waited 75 s in billing");
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), long)).toBe("已在 billing 等待 75 秒");
    const sl = {
      kind: "SERVICE_LEVEL_BELOW_TARGET",
      subject: "billing",
      message: "billing: service level 61.0% under target 80% (20 s)",
      params: { ...params, contactId: null, value: 0.61, threshold: 0.8, unit: "FRACTION" },
    };
    // The answer threshold, from the server's sentence or (first) the queue's live figures.
    expect(alertText(tr("en"), formatters("en"), sl)).toBe("service level 61% under target 80% (20 s)");
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), sl)).toBe("服务水平 61%，低于目标 80%（20 秒内接听）");
    const live = { thresholdSeconds: (q: string) => (q === "billing" ? 30 : undefined) };
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), sl, live)).toBe(
      "服务水平 61%，低于目标 80%（30 秒内接听）",
    );
    const bare = { ...sl, message: "billing: service level low" };
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), bare)).toBe("服务水平 61%，低于目标 80%");
    const qa = {
      kind: "QA_FLAG",
      subject: "flag-1",
      message: 'QA abuse: "处理不了" (a7)',
      params: {
        ...params,
        queueId: null,
        agentId: "a7",
        category: "abuse",
        matchedText: "处理不了",
        unit: null,
      },
    };
    expect(alertText(tr("en"), formatters("en"), qa)).toBe('QA abuse: "处理不了" (a7)');
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), qa)).toBe("质检 abuse：“处理不了”（a7）");
    const away = {
      kind: "AGENT_LONG_AWAY",
      subject: "a7",
      message: "a7 has been away (lunch) for 12 min",
      params: { ...params, queueId: null, contactId: null, agentId: "a7", value: 720, threshold: 600 },
    };
    expect(alertText(tr("en"), formatters("en"), away)).toBe("away (lunch) for 12 min");
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), away)).toBe("离开（lunch）已 12 分钟");
    // The tile's reason first (the platform's own codes translated); none given: no reason shown.
    const tile = { awayReason: (id: string) => (id === "a7" ? "ring-timeout" : undefined) };
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), away, tile)).toBe("离开（未接来电）已 12 分钟");
    const noReason = { ...away, message: "a7 has been away (not ready) for 12 min" };
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), noReason)).toBe("已离开 12 分钟");
    const unknown = { kind: "SOMETHING_NEW", subject: "x", message: "as the server said", params };
    expect(alertText(tr("zh-CN"), formatters("zh-CN"), unknown)).toBe("as the server said");
  });
});
