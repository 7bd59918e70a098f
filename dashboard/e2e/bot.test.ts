import { randomUUID } from "node:crypto";
import type { StarboardEvent } from "@starboard/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signedInPage } from "./browser";
import { type E2eStack, keys, startE2eStack } from "./stack";

// The bot and IVR page over real data: self-service outcomes and the contacts that followed go through
// the log and the sink into chdb; the page shows containment, hand-offs with their wait and whether
// complaints reached senior agents, in English and Chinese.

let stack: E2eStack;
let browser: Browser;
const t0 = Date.now() - 2 * 3_600_000;
const envelope = (s: number) => ({
  id: randomUUID(),
  version: 1,
  time: new Date(t0 + s * 1000).toISOString(),
  tenant: "default",
  source: "e2e",
});
const chat = (contactId: string) => ({ channel: "webchat", contactId });

function events(): StarboardEvent[] {
  const signedIn = (agentId: string, level: number) => ({
    ...envelope(-600),
    type: "agent.signed-in",
    agentId,
    data: { skills: [{ skill: "support", level }], capacity: { webchat: 2 } },
  });
  const resolved = (id: string, s: number) => ({
    ...envelope(s),
    ...chat(id),
    type: "bot.resolved",
    data: { botId: "starbot", botTurns: 2, botSeconds: 45 },
  });
  const handoff = (id: string, s: number, reason: string) => ({
    ...envelope(s),
    ...chat(id),
    type: "bot.handoff",
    data: {
      botId: "starbot",
      reason,
      summary: "物流慢，要投诉",
      toQueueId: "support",
      botTurns: 3,
      botSeconds: 45,
    },
  });
  const handled = (id: string, s: number, agentId: string, wait: number) => ({
    ...envelope(s),
    ...chat(id),
    agentId,
    type: "contact.ended",
    data: {
      endedBy: "customer",
      outcome: "handled",
      resolved: true,
      queueId: "support",
      waitSeconds: wait,
      talkSeconds: 90,
      holdSeconds: 0,
      wrapupSeconds: 0,
      categories: [],
    },
  });
  return [
    signedIn("4001", 9),
    signedIn("4002", 4),
    resolved("bot-1", 10),
    resolved("bot-2", 20),
    resolved("bot-3", 30),
    handoff("bot-4", 40, "complaint"),
    handled("bot-4", 200, "4001", 12),
    handoff("bot-5", 50, "requested_human"),
    handled("bot-5", 300, "4002", 65),
  ] as StarboardEvent[];
}

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
  await stack.publish(events());
  await stack.flushed();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("bot and IVR page", () => {
  it("containment, hand-offs with their wait, and complaints reaching senior agents", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.exec);
    await page.goto(`${stack.dashboardUrl}/bot`);
    const all = page.getByTestId("totals-BOT-ALL");
    await expect.poll(() => all.getByTestId("containment").textContent(), { timeout: 30_000 }).toBe("60%");
    const complaint = page.getByTestId("handoff-complaint");
    expect(await complaint.getByTestId("wait").textContent()).toBe("0:12");
    expect(await complaint.getByTestId("senior").textContent()).toBe("100%");
    expect(await page.getByTestId("handoff-requested_human").getByTestId("senior").textContent()).toBe("0%");
    expect(await page.getByTestId("handoffs").textContent()).toContain("To senior agents (level ≥ 8)");
    expect(await page.getByTestId("containment-trend").locator("circle.recharts-dot").count()).toBe(1);
    await screenshot(page, "bot");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("in Chinese", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.supervisor, { locale: "zh-CN" });
    await page.goto(`${stack.dashboardUrl}/bot`);
    await expect
      .poll(() => page.getByTestId("handoffs").textContent(), { timeout: 30_000 })
      .toContain("投诉");
    expect(await page.getByTestId("self-service-totals").textContent()).toContain("自助解决率");
    expect(await page.locator("header.top nav").textContent()).toContain("机器人与IVR");
    expect(errors).toEqual([]);
    await context.close();
  });
});
