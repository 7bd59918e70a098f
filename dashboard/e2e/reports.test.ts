import { exampleEvents, type StarboardEvent } from "@starboard/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signedInPage } from "./browser";
import { agentNotReady, agentSignedIn, handledContact, newestDataHour } from "./events";
import { type E2eStack, keys, startE2eStack } from "./stack";

// History published as events, written by the real sink into chdb, read back through the API and
// drawn by the dashboard.

let stack: E2eStack;
let browser: Browser;
const published = { VOICE: 0, WEBCHAT: 0, EMAIL: 0 };
const quarter = 900_000;
const day = 86_400_000;
/** The 15-minute interval holding the newest day's first contacts (events.ts), and the one after it. */
const busyInterval = newestDataHour();
const dataDay = busyInterval - 3_600_000;
/** The UTC date `offset` days from the newest contacts' day, as the range inputs take it. */
const dateOf = (offset: number) => new Date(dataDay + offset * day).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startE2eStack();
  browser = await launchBrowser();
  const events: StarboardEvent[] = [...agentSignedIn("2001", new Date(Date.now() - 10 * 86_400_000))];
  // Staffing history: three support agents ready from half an hour before the busy interval, two of
  // them on a break from the next one, so the staffed column differs by two between the intervals.
  for (const id of ["3001", "3002", "3003"])
    events.push(...agentSignedIn(id, new Date(busyInterval - 1_800_000)));
  events.push(agentNotReady("3002", new Date(busyInterval + quarter), "lunch"));
  events.push(agentNotReady("3003", new Date(busyInterval + quarter), "lunch"));
  // Eight days: voice busier than chat, chat busier than email.
  for (let d = 7; d >= 0; d--) {
    const base = busyInterval - d * day;
    for (let i = 0; i < 3; i++) {
      events.push(
        ...handledContact("voice", new Date(base + i * 600_000), "2001", {
          wait: 5 + i * 20,
          talk: 120,
          csat: 5 - (i % 3),
          resolved: i !== 2,
          categories: [i === 0 ? "billing" : "账单"],
        }),
      );
      published.VOICE++;
    }
    for (let i = 0; i < 2; i++) {
      events.push(
        ...handledContact("webchat", new Date(base + i * 900_000), "2001", {
          wait: 10,
          talk: 300,
          csat: 4,
          categories: ["物流慢"],
        }),
      );
      published.WEBCHAT++;
    }
    if (d % 2 === 0) {
      events.push(
        ...handledContact("email", new Date(base), "2001", {
          wait: 60,
          talk: 600,
          resolved: false,
          categories: ["refund"],
        }),
      );
      published.EMAIL++;
    }
  }
  // The event catalogue's ticket story (billing -> card-operations) and its QA flag.
  const ticketStory = (
    ["ticket.created", "ticket.assigned", "ticket.moved", "ticket.commented", "ticket.resolved"] as const
  ).map((t) => exampleEvents[t] as StarboardEvent);
  await stack.publish([...events, ...ticketStory, exampleEvents["qa.flagged"] as StarboardEvent]);
  await stack.flushed();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("reports", () => {
  it("channel report: per-channel totals side by side, trend lines and the mix for a chosen range", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.exec);
    await page.goto(`${stack.dashboardUrl}/reports`);
    const table = page.getByTestId("channel-table");
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 30_000 }).toBe(3);
    const volume = (channel: string) =>
      table.locator("tbody tr", { hasText: channel }).locator("td").nth(1).textContent();
    expect(await volume("Voice")).toBe(String(published.VOICE));
    expect(await volume("Web chat")).toBe(String(published.WEBCHAT));
    expect(await volume("Email")).toBe(String(published.EMAIL));
    // One trend line per channel, a pie sector per channel.
    await expect.poll(() => page.getByTestId("trend-chart").locator("path.recharts-curve").count()).toBe(3);
    expect(await page.getByTestId("mix-chart").locator(".recharts-pie-sector").count()).toBe(3);
    await screenshot(page, "channels");

    // Narrow the range to the newest two days, by week: fewer contacts, still three channels.
    await page.locator('input[name="from"]').fill(dateOf(-1));
    await page.locator('input[name="to"]').fill(dateOf(1));
    await page.locator('select[name="interval"]').selectOption("WEEK");
    await page.getByRole("button", { name: "Show" }).click();
    // The newest day and the one before: three voice calls a day.
    await expect.poll(() => volume("Voice"), { timeout: 20_000 }).toBe("6");
    const download = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    const csv = await (await download).createReadStream();
    let text = "";
    for await (const chunk of csv) text += String(chunk);
    expect(text.split("\r\n")[0]).toContain("channel,offered,handled");
    expect(text).toMatch(/VOICE,6,6/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("service level, agents, demand, tickets and customers pages render for the roles that may see them", async () => {
    const { context, page, errors } = await signedInPage(browser, keys.supervisor);
    await page.goto(`${stack.dashboardUrl}/service-level`);
    // The newest contacts' day (the page opens on today, which before 02:00 UTC holds none).
    await page.locator('input[name="from"]').fill(dateOf(0));
    await page.locator('input[name="to"]').fill(dateOf(1));
    await page.getByRole("button", { name: "Show" }).click();
    await expect
      .poll(() => page.getByTestId("sl-chart").locator("path.recharts-curve").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId("staffing").locator(".recharts-bar-rectangle").count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    // Staffed per interval comes from the state history, not one live count repeated.
    const staffedAt = (start: number) =>
      page
        .locator(`[data-testid="staffing-row"][data-start="${new Date(start).toISOString()}"] td.staffed`)
        .textContent();
    await expect.poll(() => staffedAt(busyInterval), { timeout: 20_000 }).toMatch(/^\d/);
    const busy = Number(await staffedAt(busyInterval));
    const after = Number(await staffedAt(busyInterval + quarter));
    expect(busy - after).toBe(2);
    expect(busy).toBeGreaterThanOrEqual(3);
    await screenshot(page, "service-level");
    await page.goto(`${stack.dashboardUrl}/agents`);
    // Agent 2001 took the calls; the ticket story brings its own agents.
    await expect
      .poll(() => page.getByTestId("scorecards").getByRole("button", { name: "2001" }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await page.getByTestId("scorecards").getByRole("button", { name: "2001" }).click();
    await expect.poll(() => page.getByTestId("agent-detail").textContent()).toContain("2001");
    await screenshot(page, "agent-detail");
    await page.goto(`${stack.dashboardUrl}/demand`);
    await expect
      .poll(() => page.getByTestId("demand-categories").locator(".recharts-pie-sector").count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await screenshot(page, "demand");
    await page.goto(`${stack.dashboardUrl}/tickets`);
    await page.locator('input[name="ticket"]').fill("T-404");
    await page.getByRole("button", { name: "Find" }).click();
    await expect.poll(() => page.locator("main").textContent(), { timeout: 20_000 }).toContain("Not found.");
    const number = (exampleEvents["ticket.created"] as { data: { ticketNumber: string } }).data.ticketNumber;
    await page.locator('input[name="ticket"]').fill(number);
    await page.getByRole("button", { name: "Find" }).click();
    const path = page.getByTestId("ticket").locator(".path .step");
    await expect
      .poll(() => path.allTextContents(), { timeout: 20_000 })
      .toEqual(["billing", "card-operations"]);
    await screenshot(page, "tickets");
    // The QA console lists the catalogue's flagged segment with its rule.
    const flag = exampleEvents["qa.flagged"] as { time: string; data: { ruleId: string } };
    await page.goto(`${stack.dashboardUrl}/qa`);
    await expect
      .poll(() => page.getByTestId("qa-flags").textContent(), { timeout: 20_000 })
      .toContain(flag.data.ruleId);
    await page.goto(`${stack.dashboardUrl}/customers`);
    await page.locator('input[name="customer"]').fill("+8613800000000");
    await page.getByRole("button", { name: "Find" }).click();
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: 20_000 })
      .toMatch(/History|Not found/);
    await screenshot(page, "customers");
    expect(errors).toEqual([]);
    await context.close();
  });
});
