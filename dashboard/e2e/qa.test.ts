import { CallScenario } from "@starboard/ingest";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signedInPage } from "./browser";
import { agentSignedIn } from "./events";
import { type E2eStack, keys, startE2eStack, waitUntil } from "./stack";

// The QA console against the emulated FreeSWITCH: a customer talks to agent 1001 through
// mod_callcenter (the ESL adapter turns that into contact events), a supervisor clicks Barge, and the
// command travels API -> log -> executor -> event socket, where the emulator records the originate.

let stack: E2eStack;
let browser: Browser;
let callId: string;

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
  await stack.publish(agentSignedIn("1001", new Date(), "support", "user/1001"));
  // The switch's clock to the wall clock, after the agent's sign-in: the live picture orders events
  // by time, and a call stamped before the agent existed is (rightly) not connected to them. The
  // emulator's default start (09:00 on 2026-11-30) made this test pass only before 09:00 UTC.
  const fs = stack.emulator.fs;
  fs.advance(Math.max(0, Date.now() * 1000 - fs.now()) / 1e6 + 1);
  const call = new CallScenario(stack.emulator.fs, { from: "+8613800138000", to: "4001" })
    .answer()
    .enqueue("support")
    .offer("1001", "user/1001")
    .agentAnswers("1001");
  callId = call.caller.uuid;
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const originates = () => stack.emulator.received.filter((l) => l.startsWith("bgapi originate"));

describe("QA console", () => {
  it("Barge reaches the FreeSWITCH emulator as a three_way originate and the outcome is shown", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.supervisor);
    await page.goto(`${stack.dashboardUrl}/qa`);
    const row = page.getByTestId(`contact-${callId}`);
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain("Connected");
    expect(await row.textContent()).toContain("+8613800138000");
    await page.getByTestId("endpoint").fill("user/2001");
    await row.getByRole("button", { name: "Barge" }).click();
    await waitUntil(() => originates().length > 0, 15_000, "an originate on the event socket");
    const [line] = originates();
    expect(line).toMatch(/^bgapi originate \{[^}]*starboard_role=supervisor[^}]*\}user\/2001 &three_way\(/);
    expect(line).toContain(`starboard_contact=${callId}`);
    const outcome = page.getByTestId("outcome").first();
    await expect.poll(() => outcome.getAttribute("data-status"), { timeout: 15_000 }).toBe("SUCCEEDED");
    // The operation in words (SupervisorOperation MONITOR_CALL), not its code.
    expect(await outcome.textContent()).toContain("Monitor call");
    // The session is listed, with its mode, and the audit trail has the action.
    await expect
      .poll(() => page.getByTestId("monitors").textContent(), { timeout: 15_000 })
      .toContain("Barge");
    await expect
      .poll(() => page.getByTestId("audit").textContent(), { timeout: 15_000 })
      .toContain("Monitor call");
    await screenshot(page, "qa-console");

    // Switch the barge to listen: the executor rings the supervisor again in eavesdrop.
    await page.getByTestId("monitors").getByRole("button", { name: "Switch to Listen" }).click();
    await waitUntil(() => originates().some((l) => /&eavesdrop\(/.test(l)), 15_000, "an eavesdrop originate");
    await expect
      .poll(() => page.getByTestId("outcome").first().textContent(), { timeout: 15_000 })
      .toContain("Change monitor mode");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a supervisor forces an agent not ready with a reason", async () => {
    const { context, page } = await signedInPage(browser, keys.supervisor);
    await page.goto(`${stack.dashboardUrl}/qa`);
    const panel = page.getByTestId("agent-state");
    await expect.poll(() => panel.locator("option").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await panel.locator("input").fill("meeting");
    await panel.getByRole("button", { name: "Not ready" }).click();
    const outcome = page.getByTestId("outcome").first();
    await expect.poll(() => outcome.textContent(), { timeout: 15_000 }).toContain("Set agent state");
    expect(["SUCCEEDED", "PENDING"]).toContain(await outcome.getAttribute("data-status"));
    await context.close();
  });

  it("in zh-CN the audit trail words actions, roles, outcomes and reasons from their codes", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.supervisor, { locale: "zh-CN" });
    await page.goto(`${stack.dashboardUrl}/qa`);
    const audit = page.getByTestId("audit");
    // The barge and the forced not-ready of the tests above, as the warehouse returns them.
    await expect.poll(() => audit.textContent(), { timeout: 30_000 }).toContain("监听通话");
    await expect.poll(() => audit.textContent(), { timeout: 30_000 }).toContain("设置坐席状态");
    const text = (await audit.textContent()) ?? "";
    expect(text).toContain("强插");
    expect(text).toContain("班长");
    expect(text).toContain("已执行");
    expect(text).toContain("置忙: meeting");
    expect(text).not.toMatch(/MONITOR_CALL|SET_AGENT_STATE|BARGE|SUPERVISOR|accepted|NOT_READY/);
    expect(await page.getByTestId("role").textContent()).toContain("班长");
    await screenshot(page, "qa-console-zh-CN");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an executive sees no Barge button: no QA console in the menu, and the page refuses", async () => {
    const { context, page } = await signedInPage(browser, keys.exec);
    await page.goto(stack.dashboardUrl);
    await expect.poll(() => page.getByTestId("role").textContent(), { timeout: 20_000 }).toContain("exec");
    expect(await page.locator("header.top nav").textContent()).not.toContain("QA console");
    await page.goto(`${stack.dashboardUrl}/qa`);
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: 20_000 })
      .toContain("cannot open this page");
    expect(await page.getByRole("button", { name: "Barge" }).count()).toBe(0);
    await context.close();
  });

  it("a QA reviewer may listen and barge but not take over or hang up", async () => {
    const { context, page } = await signedInPage(browser, keys.qa);
    await page.goto(`${stack.dashboardUrl}/qa`);
    const row = page.getByTestId(`contact-${callId}`);
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain("Connected");
    expect(await row.getByRole("button", { name: "Barge" }).count()).toBe(1);
    expect(await row.getByRole("button", { name: "Take over" }).count()).toBe(0);
    expect(await row.getByRole("button", { name: "Hang up" }).count()).toBe(0);
    expect(await page.getByTestId("agent-state").count()).toBe(0);
    await context.close();
  });
});
