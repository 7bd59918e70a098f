// The load both wallboard benchmarks put on the page: a thousand signed-in agents, then every second
// a tenth of them flip between away (lunch/training) and ready. Shared by the bench and the tracer so
// the trace explains exactly the figures the bench prints.

import type { StarboardEvent } from "@starboard/core";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { agentNotReady, agentReady, agentSignedIn } from "../e2e/events";
import type { E2eStack } from "../e2e/stack";

export const agentCount = 1_000;
export const changesPerSecond = 100;

export const agentIds: string[] = Array.from(
  { length: agentCount },
  (_, i) => `a${String(i + 1).padStart(4, "0")}`,
);

export async function signInFloor(stack: E2eStack): Promise<void> {
  const now = new Date();
  await stack.publish(agentIds.flatMap((id) => agentSignedIn(id, now)));
}

/** Records every long task's duration in `window.__longTasks` from the first document on. */
export async function observeLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

/** The long tasks seen since the last call. */
export function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    const taken = w.__longTasks;
    w.__longTasks = [];
    return taken;
  });
}

/** Opens the wallboard and waits for every agent tile; returns the milliseconds that took. */
export async function loadBoard(page: Page, url: string): Promise<number> {
  const start = Date.now();
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll("li.agent").length >= n, agentCount, {
    timeout: 120_000,
  });
  return Date.now() - start;
}

export async function heapMb(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0) / 1048576;
}

/**
 * Publishes tick number `tick`'s changes and waits until the batch's first agent shows its new state;
 * returns the publish -> tile milliseconds. Each round of ten ticks flips every agent once: away on
 * even rounds, back on odd ones.
 */
export async function driveTick(stack: E2eStack, page: Page, tick: number): Promise<number> {
  const started = Date.now();
  const at = new Date();
  const events: StarboardEvent[] = [];
  const away = Math.floor((tick * changesPerSecond) / agentCount) % 2 === 0;
  for (let k = 0; k < changesPerSecond; k++) {
    const id = agentIds[(tick * changesPerSecond + k) % agentCount] ?? "a0001";
    events.push(away ? agentNotReady(id, at, k % 3 === 0 ? "lunch" : "training") : agentReady(id, at));
  }
  const probe = agentIds[(tick * changesPerSecond) % agentCount] ?? "a0001";
  await stack.publish(events);
  await page.waitForFunction(
    ([id, status]) =>
      document.querySelector(`[data-testid="agent-${id}"]`)?.getAttribute("data-status") === status,
    [probe, away ? "AWAY" : "AVAILABLE"] as const,
    { timeout: 10_000, polling: 10 },
  );
  return Date.now() - started;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
