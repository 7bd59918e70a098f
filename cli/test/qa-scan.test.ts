import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/main";
import { capture } from "./capture-io";

const dir = mkdtempSync(join(tmpdir(), "starboard-qa-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: readonly (object | string)[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n"));
  return path;
}

async function json(
  argv: string[],
): Promise<{ code: number; flags: Record<string, unknown>[]; stderr: string[] }> {
  const io = capture();
  const code = await main(["qa-scan", ...argv, "--json"], io);
  return { code, flags: io.stdout.map((l) => JSON.parse(l) as Record<string, unknown>), stderr: io.stderr };
}

const messages = file("messages.jsonl", [
  { id: "m1", side: "customer", text: "物流太慢了，我要投訴！" },
  { id: "m2", side: "agent", text: "I GUARANTEE you a full refund." },
  { id: "m3", side: "agent", text: "您往下滚动页面就能看到" },
  "",
  { messageId: "m4", speaker: "agent", text: "這個我們處理，不了", channel: "voice" },
]);

describe("starboard qa-scan", () => {
  it("prints one JSON object per flag with offsets into the original text (default rules)", async () => {
    const { code, flags } = await json([messages]);
    expect(code).toBe(0);
    expect(flags.map((f) => [f.line, f.id, f.ruleId, f.matchedText, f.charRange])).toEqual([
      [1, "m1", "delivery-late", "物流太慢", [0, 4]],
      [1, "m1", "complaint-zh", "投訴", [8, 10]],
      [2, "m2", "prohibited-promise", "GUARANTEE you a full refund", [2, 29]],
      [5, "m4", "shirking", "處理，不了", [4, 9]],
    ]);
  });

  it("prints a readable line per flag without --json", async () => {
    const io = capture();
    expect(await main(["qa-scan", messages], io)).toBe(0);
    expect(io.stdout[0]).toBe('1:m1  delivery-late  delivery-delay  low  customer  [0,4)  "物流太慢"');
    expect(io.stdout).toHaveLength(4);
    expect(io.stderr).toEqual(["4 flags"]);
  });

  it.each([
    [
      "yaml",
      "rules.yaml",
      "qaRules:\n  - { id: legacy, category: greeting, keywords: [看到], severity: info }\n",
    ],
    [
      "json",
      "rules.json",
      JSON.stringify([{ id: "legacy", category: "greeting", keywords: ["看到"], severity: "info" }]),
    ],
  ])("takes a %s rules file in the config's qaRules shape", async (_kind, name, text) => {
    const rules = join(dir, name);
    writeFileSync(rules, text);
    const { code, flags } = await json([messages, "--rules", rules]);
    expect(code).toBe(0);
    expect(flags).toEqual([
      {
        line: 3,
        id: "m3",
        ruleId: "legacy",
        category: "greeting",
        severity: "low",
        side: "agent",
        charRange: [9, 11],
        matchedText: "看到",
      },
    ]);
  });

  it("runs the time rules when the input is Starboard events", async () => {
    const base = { version: 1, tenant: "default", source: "export", channel: "webchat", contactId: "c1" };
    const events = file("events.jsonl", [
      {
        ...base,
        id: "e1",
        type: "contact.connected",
        time: "2026-11-30T10:00:00.000Z",
        agentId: "a1",
        data: { queueId: "q", waitSeconds: 1, ringMs: 0 },
      },
      {
        ...base,
        id: "e2",
        type: "message.sent",
        time: "2026-11-30T10:01:00.000Z",
        agentId: "a1",
        data: { messageId: "m1", senderRole: "agent", text: "请问有什么问题" },
      },
    ]);
    const { code, flags } = await json([events]);
    expect(code).toBe(0);
    expect(flags.map((f) => [f.line, f.id, f.ruleId, f.charRange])).toEqual([
      [2, "m1", "greeting-required", [0, 7]],
    ]);
  });

  it("names the rule and field of a bad rules file and exits 1", async () => {
    const rules = join(dir, "bad.yaml");
    writeFileSync(
      rules,
      "- { id: r1, kind: regex, category: c, pattern: '(' }\n- { id: r2, category: c, keywords: ['，'] }\n",
    );
    const io = capture();
    expect(await main(["qa-scan", messages, "--rules", rules], io)).toBe(1);
    expect(io.stderr[0]).toContain("rules[0] (r1).pattern: does not compile");
    expect(io.stderr[0]).toContain("rules[1] (r2).phrases[0]:");
  });

  it("reports bad input lines by number, still prints the rest, exits 1", async () => {
    const bad = file("bad.jsonl", [
      "{oops",
      { id: "x", side: "robot", text: "hi" },
      { id: "y", side: "customer", text: "我要退款" },
    ]);
    const { code, flags, stderr } = await json([bad]);
    expect(code).toBe(1);
    expect(flags.map((f) => f.ruleId)).toEqual(["refund-request"]);
    expect(stderr[0]).toMatch(/bad\.jsonl: line 1: not JSON/);
    expect(stderr[1]).toMatch(/line 2: "side" must be "agent" or "customer" \(got "robot"\)/);
  });

  it("refuses a missing file argument with usage (exit 2)", async () => {
    const io = capture();
    expect(await main(["qa-scan"], io)).toBe(2);
    expect(io.stderr[0]).toContain("missing <messages.jsonl>");
  });
});
