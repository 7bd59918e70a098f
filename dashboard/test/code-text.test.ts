import { readFileSync } from "node:fs";
import { channels, eventTypes, roles, supervisorActionCodes } from "@starboard/core";
import { describe, expect, it } from "vitest";
import { auditReasonText } from "../src/lib/audit-text";
import { type CodeFamily, codeKey, codeMessages, codeText } from "../src/lib/code-text";
import { fill, type Locale, type MessageKey, messages } from "../src/lib/i18n";

// Every code the API can send as a value has words in both languages. The code lists are read from
// where the codes are defined: the GraphQL schema's enums, core's event definitions (zod enums in its
// source where core exports no list) and the warehouse's ticket report. A value added there without
// messages here fails this test.

const tr = (locale: Locale) => (key: MessageKey, values?: Record<string, string | number>) =>
  values === undefined ? messages[locale][key] : fill(messages[locale][key], values);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const han = /[\u4e00-\u9fff]/;
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const schema = read("graphql/schema.graphql");

function schemaEnum(name: string): string[] {
  const block = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema)?.[1];
  if (block === undefined) throw new Error(`graphql/schema.graphql has no enum ${name}`);
  // Values are bare upper-case lines; description strings sit on their own lines.
  return [...block.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*$/gm)].map((m) => m[1] ?? "");
}

/** The values of `field: z.enum([...])` in a core source file. */
function zodEnum(path: string, field: string): string[] {
  const list = new RegExp(`${field}: z\\.enum\\(\\[([^\\]]*)\\]\\)`).exec(read(path))?.[1];
  if (list === undefined) throw new Error(`${path} has no ${field}: z.enum([...])`);
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? "");
}

const codes = (family: CodeFamily) => Object.keys(codeMessages[family]).sort();

function hasWords(family: CodeFamily, values: readonly string[]): void {
  expect(codes(family), family).toEqual([...values].sort());
  for (const value of values) {
    const key = codeKey(family, value);
    if (key === undefined) throw new Error(`${family} ${value} has no message`);
    expect(messages.en[key].trim().length, key).toBeGreaterThan(0);
    expect(messages["zh-CN"][key], key).toMatch(han);
    expect(placeholders(messages["zh-CN"][key]), key).toEqual(placeholders(messages.en[key]));
  }
}

const upper = (code: string) => code.replaceAll("-", "_").toUpperCase();

describe("every code the API sends has en and zh-CN words", () => {
  it("the schema's enums the pages show", () => {
    const families: [string, CodeFamily][] = [
      ["Channel", "channel"],
      ["Role", "role"],
      ["AgentStatus", "agentStatus"],
      ["Activity", "activity"],
      ["ContactPhase", "contactPhase"],
      ["AlertSeverity", "alertSeverity"],
      ["MonitorMode", "monitorMode"],
      ["SupervisorOperation", "supervisorOperation"],
      ["OperationStatus", "operationStatus"],
      ["Interval", "interval"],
      ["DemandKind", "demandKind"],
      ["SelfServiceKind", "selfServiceKind"],
      ["ServiceMeasure", "serviceMeasure"],
    ];
    for (const [name, family] of families) hasWords(family, schemaEnum(name));
  });

  it("the schema's enums agree with core's lists", () => {
    expect(schemaEnum("Channel").sort()).toEqual(channels.map(upper).sort());
    expect(schemaEnum("Role").sort()).toEqual(roles.map(upper).sort());
    // The API adds acknowledge-alert (an alert.cleared, not a supervisor.action) to core's actions.
    expect(schemaEnum("SupervisorOperation").sort()).toEqual(
      [...supervisorActionCodes.map(upper), "ACKNOWLEDGE_ALERT"].sort(),
    );
  });

  it("the event log's codes the API passes on as strings", () => {
    hasWords("contactOutcome", zodEnum("core/src/events/contact.ts", "outcome"));
    hasWords("auditOutcome", zodEnum("core/src/events/supervisor.ts", "outcome"));
    hasWords("ticketPriority", zodEnum("core/src/events/ticket.ts", "priority"));
    hasWords("qaSeverity", zodEnum("core/src/events/qa.ts", "severity"));
    expect(schemaEnum("QaSeverity").sort()).toEqual(codes("qaSeverity").map(upper));
    hasWords("flagVerdict", zodEnum("core/src/events/qa.ts", "verdict"));
    const steps = eventTypes.filter((t) => t.startsWith("ticket.")).map((t) => t.slice("ticket.".length));
    hasWords("ticketStep", steps);
    const status = /status: ((?:"[a-z]+"(?: \| )?)+);/.exec(read("sql/src/reports/ticket-progress.ts"))?.[1];
    hasWords(
      "ticketStatus",
      [...(status ?? "").matchAll(/"([a-z]+)"/g)].map((m) => m[1] ?? ""),
    );
  });
});

describe("codes in words", () => {
  const en = tr("en");
  const zh = tr("zh-CN");
  it("known codes are translated; a code this build does not know is shown as sent, never blank", () => {
    expect(codeText(zh, "contactOutcome", "abandoned")).toBe("放弃");
    expect(codeText(en, "contactOutcome", "self-service")).toBe("Self-service");
    expect(codeText(zh, "supervisorOperation", "FORCE_HANGUP")).toBe("强拆");
    expect(codeText(zh, "monitorMode", "WHISPER")).toBe("耳语");
    expect(codeText(zh, "channel", "FAX")).toBe("FAX");
    expect(codeText(zh, "contactOutcome", "callback-scheduled")).toBe("callback-scheduled");
    expect(codeText(zh, "role", "toString")).toBe("toString");
    expect(codeText(zh, "ticketStatus", "")).toBe("—");
  });
});

describe("audit reasons in words", () => {
  const zh = tr("zh-CN");
  const entry = { action: "SET_AGENT_STATE", role: "SUPERVISOR", outcome: "accepted" };
  it("words the server's known sentences and quotes everything else", () => {
    expect(auditReasonText(zh, { ...entry, reason: "NOT_READY:meeting" })).toBe("置忙: meeting");
    expect(auditReasonText(zh, { ...entry, reason: "SIGNED_OUT (when the current contact ends)" })).toBe(
      "签出；当前联系结束后生效",
    );
    expect(
      auditReasonText(zh, {
        action: "TAKE_OVER_CALL",
        role: "QA",
        outcome: "denied",
        reason: "role qa may not take-over-call",
      }),
    ).toBe("质检员角色无此权限");
    expect(
      auditReasonText(zh, {
        action: "REVIEW_QA_FLAG",
        role: "QA",
        outcome: "accepted",
        reason: "false-positive flag-1 (abuse-rule)",
      }),
    ).toBe("误报 flag-1 (abuse-rule)");
    const failed = { action: "MONITOR_CALL", role: "QA", outcome: "failed", reason: "-ERR NO_ANSWER" };
    expect(auditReasonText(zh, failed)).toBe("-ERR NO_ANSWER");
    expect(auditReasonText(zh, { ...entry, reason: null })).toBeNull();
  });

  it("the shapes match what the server writes", () => {
    // The sentences as graphql/src builds them: if one changes, the wording above must follow.
    expect(read("graphql/src/server/start.ts")).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the server's source text, quoted
      "reason: `role ${context.principal.role} may not ${action}`",
    );
    expect(read("graphql/src/services/supervisor.ts")).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the server's source text, quoted
      '`${enumName(args.state)}${reasonCode === undefined ? "" : `:${reasonCode}`}${busy ? " (when the current contact ends)" : ""}`',
    );
    expect(read("graphql/src/services/qa-review.ts")).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the server's source text, quoted
      "reason: `${verdict} ${flagId} (${flag.ruleId})`",
    );
  });
});
