import type { StarboardEvent } from "@starboard/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signedInPage } from "./browser";
import { agentNotReady, agentOnBreak, agentSignedIn, callQueued } from "./events";
import { busyFloor, floorWaiting } from "./floor";
import { type E2eStack, keys, startE2eStack } from "./stack";

let stack: E2eStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
  const now = new Date();
  await stack.publish(busyFloor(now.getTime() - 1_000));
  await stack.publish([
    ...agentSignedIn("1001", now),
    ...agentSignedIn("1002", now),
    // The only billing agent is on a break: billing callers wait, and the wallboard says why.
    ...agentOnBreak("1003", now, "billing", "lunch"),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("wallboard", () => {
  it("shows queue numbers and agent states that change live, without a reload", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.supervisor);
    await page.goto(stack.dashboardUrl);
    const waiting = page.getByTestId("queue-billing").getByTestId("waiting");
    await expect.poll(() => waiting.textContent(), { timeout: 20_000 }).toBe(String(floorWaiting));
    await expect
      .poll(() => page.getByTestId("agent-1002").getAttribute("data-status"), { timeout: 20_000 })
      .toBe("AVAILABLE");
    const navigations: string[] = [];
    page.on("framenavigated", (f) => navigations.push(f.url()));

    // Two more callers queue for billing and an agent goes away.
    const t = new Date();
    await stack.publish([agentNotReady("1002", t, "training")]);
    await stack.publish([
      ...callQueued("c-live-1", t, "+8613800000001", "billing"),
      ...callQueued("c-live-2", t, "+8613800000002", "billing"),
    ]);

    await expect.poll(() => waiting.textContent(), { timeout: 15_000 }).toBe(String(floorWaiting + 2));
    await expect
      .poll(() => page.getByTestId("agent-1002").getAttribute("data-status"), { timeout: 15_000 })
      .toBe("AWAY");
    expect(await page.getByTestId("agent-1002").textContent()).toContain("training");
    // The waiting list says why each contact waits (the router's own words).
    const why = await page.getByTestId("waiting-c-live-1").locator("td.why").textContent();
    expect(why?.trim().length).toBeGreaterThan(0);
    expect(await page.getByTestId("updated").textContent()).toMatch(/Updated \d\d:\d\d:\d\d/);
    expect(navigations).toEqual([]);
    // Billing's callers have waited more than twice its 30 s threshold: the tile is red; support is fine.
    expect(await page.getByTestId("queue-billing").getAttribute("data-health")).toBe("crit");
    expect(await page.getByTestId("queue-support").getAttribute("data-health")).toBe("ok");
    // Callers past a minute raised long-wait alerts; a supervisor acknowledges one.
    const alert = page.getByTestId("alert").first();
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/Warning|Critical/);
    await screenshot(page, "wallboard");
    await alert.getByRole("button", { name: "Acknowledge" }).click();
    await expect
      .poll(() => page.getByTestId("alert").filter({ hasText: "Acknowledged by" }).count(), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    await page.goto(`${stack.dashboardUrl}/?tv=1`);
    await expect.poll(() => waiting.textContent(), { timeout: 15_000 }).toBe(String(floorWaiting + 2));
    expect(await page.locator("header.top").count()).toBe(0);
    await screenshot(page, "wallboard-tv");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("narrows the agents to one team or to the agents who can serve a queue", async () => {
    const now = new Date();
    const inTeam = (events: StarboardEvent[], teamId: string) =>
      events.map((e) => (e.type === "agent.signed-in" ? { ...e, data: { ...e.data, teamId } } : e));
    // On a break, so they take none of the calls the other tests count.
    await stack.publish([
      ...inTeam(agentOnBreak("2001", now, "billing", "meeting"), "north"),
      ...inTeam(agentOnBreak("2002", now, "support", "meeting"), "south"),
    ]);
    const { context, page } = await signedInPage(browser, keys.supervisor);
    await page.goto(stack.dashboardUrl);
    await expect.poll(() => page.getByTestId("agent-2002").count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId("team-filter").selectOption("north");
    await expect.poll(() => page.getByTestId("agent-2002").count(), { timeout: 5_000 }).toBe(0);
    expect(await page.getByTestId("agent-2001").count()).toBe(1);
    expect(await page.getByTestId("agent-1001").count()).toBe(0);
    await page.getByTestId("team-filter").selectOption("");
    await page.getByTestId("queue-filter").selectOption("billing");
    await expect.poll(() => page.getByTestId("agent-1001").count(), { timeout: 5_000 }).toBe(0);
    // Agents on a break are still the queue's people: the filter is who can serve it, not who is free.
    expect(await page.getByTestId("agent-2001").count()).toBe(1);
    expect(await page.getByTestId("agent-1003").count()).toBe(1);
    await context.close();
  });

  it("switches every label to zh-CN and keeps the choice after a reload", async () => {
    const { context, page } = await signedInPage(browser, keys.supervisor);
    await page.goto(stack.dashboardUrl);
    await expect
      .poll(() => page.getByTestId("connection").textContent(), { timeout: 20_000 })
      .toContain("Live");
    expect(await page.locator("header.top nav").textContent()).toContain("Wallboard");
    await page.getByTestId("language").selectOption("zh-CN");
    await expect.poll(() => page.locator("header.top nav").textContent()).toContain("监控大屏");
    expect(await page.getByTestId("connection").textContent()).toContain("实时");
    expect(await page.getByTestId("queue-support").textContent()).toContain("服务水平");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    // The router's reason and the alerts are worded from the API's codes, not shown in English.
    const why = page.getByTestId("waiting-c-live-1").locator("td.why");
    await expect.poll(() => why.textContent(), { timeout: 10_000 }).toMatch(/坐席具备 billing>=1/);
    expect(await why.textContent()).not.toMatch(/agent|none free/);
    await expect
      .poll(() => page.getByTestId("alert").filter({ hasText: "已在 billing 等待" }).count(), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    expect(await page.locator(".alerts").textContent()).not.toContain("has waited");
    await page.reload();
    await expect
      .poll(() => page.locator("header.top nav").textContent(), { timeout: 20_000 })
      .toContain("渠道报表");
    await screenshot(page, "wallboard-zh-CN");
    await context.close();
  });

  it("shows stale within 5 s of the API going away and recovers by itself when it returns", async () => {
    const { context, page } = await signedInPage(browser, keys.supervisor);
    await page.goto(stack.dashboardUrl);
    const badge = page.getByTestId("connection");
    await expect.poll(() => badge.getAttribute("data-phase"), { timeout: 20_000 }).toBe("live");
    const wentAway = Date.now();
    await stack.stopApi();
    await expect
      .poll(() => badge.getAttribute("data-phase"), { timeout: 5_000, interval: 100 })
      .toBe("stale");
    const staleAfterMs = Date.now() - wentAway;
    expect(staleAfterMs).toBeLessThan(5_000);
    expect(await badge.textContent()).toMatch(/Stale since \d\d:\d\d:\d\d/);
    await screenshot(page, "wallboard-stale");
    await stack.startApi();
    await expect.poll(() => badge.getAttribute("data-phase"), { timeout: 15_000 }).toBe("live");
    // Data flows again after the reconnect: a new queued call shows up.
    await stack.publish(callQueued("c-after-restart", new Date(), "+8613800000003", "billing"));
    await expect
      .poll(() => page.getByTestId("queue-billing").getByTestId("waiting").textContent(), { timeout: 15_000 })
      .toBe(String(floorWaiting + 3));
    await context.close();
  });

  it("signs in with an API key through the form, refuses a wrong key, and signs out", async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(stack.dashboardUrl);
    const key = page.locator('input[name="apiKey"]');
    await key.fill("not-a-key-0123456789abcdef");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.locator("form.signin .error").textContent(), { timeout: 15_000 })
      .toBeTruthy();
    await screenshot(page, "sign-in");
    await key.fill(keys.qa);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("role").textContent(), { timeout: 15_000 }).toContain("qa");
    // QA sees the console but no reports; the key survives a reload.
    const nav = page.locator("header.top nav");
    expect(await nav.textContent()).toContain("QA console");
    expect(await nav.textContent()).not.toContain("Channels");
    await page.reload();
    await expect.poll(() => page.getByTestId("role").textContent(), { timeout: 15_000 }).toContain("qa");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.locator('input[name="apiKey"]').count()).toBe(1);
    await context.close();
  });
});
