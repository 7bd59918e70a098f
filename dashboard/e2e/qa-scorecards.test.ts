import { randomUUID } from "node:crypto";
import type { StarboardEvent } from "@starboard/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signedInPage } from "./browser";
import { handledContact, newestDataHour } from "./events";
import { type E2eStack, keys, startE2eStack, waitUntil } from "./stack";

// QA reviews and scorecards in the browser: a reviewer marks flags on the QA console (the mutation
// goes to the API, qa.flag-reviewed through the log and the sink into chdb), then the scorecard page
// shows hits per 100 without the false positive and the rule-precision table puts the bad rule first.

let stack: E2eStack;
let browser: Browser;
// The newest day's 01:00 UTC (events.ts): the data spans 00:50-01:30, on one day at any time of day.
const dataFrom = new Date(newestDataHour());

function signedIn(agentId: string, teamId: string): StarboardEvent {
  return {
    id: randomUUID(),
    type: "agent.signed-in",
    version: 1,
    time: new Date(dataFrom.getTime() - 600_000).toISOString(),
    tenant: "default",
    source: "e2e",
    agentId,
    data: { skills: [{ skill: "support", level: 5 }], capacity: { voice: 1 }, teamId },
  } as StarboardEvent;
}

function flagged(flagId: string, contactId: string, agentId: string, ruleId: string, category: string) {
  return {
    id: randomUUID(),
    type: "qa.flagged",
    version: 1,
    time: new Date(dataFrom.getTime() + 1_800_000).toISOString(),
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
        offsetMs: 2_000,
      },
      matchedText: "处理不了",
    },
  } as StarboardEvent;
}

const contactOf = (events: StarboardEvent[]) =>
  events.find((e) => e.type === "contact.ended")?.contactId ?? "";

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
  // 3001 handles 4 calls, 3002 two; both in team-e2e.
  const calls = [0, 1, 2, 3, 4, 5].map((i) =>
    handledContact("voice", new Date(dataFrom.getTime() + i * 120_000), i < 4 ? "3001" : "3002", {
      wait: 5,
      talk: 60,
    }),
  );
  const [c1, c2, , , c5] = calls.map(contactOf);
  await stack.publish([
    signedIn("3001", "team-e2e"),
    signedIn("3002", "team-e2e"),
    ...calls.flat(),
    flagged("q1", c1 ?? "", "3001", "r-shirk-e2e", "shirking"),
    flagged("q2", c2 ?? "", "3001", "r-abuse-e2e", "abuse"),
    flagged("q3", c5 ?? "", "3002", "r-shirk-e2e", "shirking"),
  ]);
  await stack.flushed();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const reviews = async () =>
  (await stack.warehouse.query<{ n: number }>("SELECT toUInt32(count()) AS n FROM qa_flag_reviews", {}))[0]
    ?.n ?? 0;

describe("QA reviews and scorecards", () => {
  it("a reviewer confirms one flag and rejects another; scorecards and precision follow", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.qa);
    await page.goto(`${stack.dashboardUrl}/qa`);
    const q1 = page.getByTestId("flag-q1");
    const q2 = page.getByTestId("flag-q2");
    await expect
      .poll(() => q2.getByTestId("verdict").textContent(), { timeout: 30_000 })
      .toBe("Not reviewed");
    await q2.getByPlaceholder("Note (optional)").fill("customer quoting a letter, not abuse");
    await q2.getByRole("button", { name: "False positive" }).click();
    await expect
      .poll(() => q2.getByTestId("verdict").textContent(), { timeout: 15_000 })
      .toBe("False positive");
    await q1.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => q1.getByTestId("verdict").textContent(), { timeout: 15_000 }).toBe("Confirmed");
    await waitUntil(async () => (await reviews()) === 2, 15_000, "two reviews in the warehouse");
    const note = await stack.warehouse.query<{ note: string; verdict: string }>(
      "SELECT note, verdict FROM qa_flag_reviews WHERE flag_id = 'q2'",
      {},
    );
    expect(note).toEqual([{ note: "customer quoting a letter, not abuse", verdict: "false-positive" }]);
    await screenshot(page, "qa-review");

    await page.goto(`${stack.dashboardUrl}/qa-scorecards`);
    // 3001: 2 flags on 4 calls, one rejected -> 1 hit -> 25 per 100; 3002: 1 hit on 2 -> 50.
    const rate = (group: string) =>
      page.getByTestId(`scorecard-${group}`).getByTestId("hits-per-100").textContent();
    await expect.poll(() => rate("3001"), { timeout: 30_000 }).toBe("25");
    expect(await rate("3002")).toBe("50");
    await expect
      .poll(() => page.getByTestId("qa-trend").locator(".recharts-legend-item").count(), { timeout: 15_000 })
      .toBe(2);
    // One day of data: a dot per agent (a line needs two days).
    expect(await page.getByTestId("qa-trend").locator("circle.recharts-dot").count()).toBe(2);
    // Worst rule first: r-abuse-e2e (0 of 1 right), then r-shirk-e2e (1 of 1, one unreviewed).
    const rows = page.getByTestId("rule-precision").locator("tbody tr");
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-testid"))), {
        timeout: 15_000,
      })
      .toEqual(["precision-r-abuse-e2e", "precision-r-shirk-e2e"]);
    expect(await page.getByTestId("precision-r-abuse-e2e").getByTestId("precision").textContent()).toBe("0%");
    expect(await page.getByTestId("precision-r-shirk-e2e").getByTestId("precision").textContent()).toBe(
      "100%",
    );
    await screenshot(page, "qa-scorecards");

    // By team: 2 hits on 6 calls.
    await page.getByTestId("group-by").selectOption("TEAM");
    await expect.poll(() => rate("team-e2e"), { timeout: 15_000 }).toBe("33.3");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("in Chinese for an executive, who may read scorecards but not review", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.exec, { locale: "zh-CN" });
    await page.goto(`${stack.dashboardUrl}/qa-scorecards`);
    await expect
      .poll(() => page.getByTestId("rule-precision").textContent(), { timeout: 30_000 })
      .toContain("规则准确率（最差在前）");
    expect(await page.getByTestId("qa-scorecards").textContent()).toContain("每百通服务的质检命中数");
    expect(await page.locator("header.top nav").textContent()).toContain("质检评分卡");
    expect(await page.getByRole("button", { name: "误报" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
