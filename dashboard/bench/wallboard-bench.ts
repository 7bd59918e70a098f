// The wallboard under load: 1,000 agents, a tenth of them changing state every second, for N minutes
// (default 1; `--minutes 10`). Measures first load to 1,000 tiles, long tasks (PerformanceObserver
// 'longtask': max, p99, count per minute), JS heap over time (CDP Performance.getMetrics), and the
// delay from publishing an event to the tile showing it. Prints one JSON row per figure, like
// `starboard bench --json`. Run: npx tsx dashboard/bench/wallboard-bench.ts [--minutes N]

import type { StarboardEvent } from "@starboard/core";
import { type BenchRow, row } from "@starboard/core/bench";
import { launchBrowser, signedInPage } from "../e2e/browser";
import { agentNotReady, agentReady, agentSignedIn } from "../e2e/events";
import { keys, startE2eStack } from "../e2e/stack";

const agentCount = 1_000;
const changesPerSecond = 100;
const idleSeconds = 20;

function minutesArg(argv: string[]): number {
  const i = argv.indexOf("--minutes");
  if (i === -1) return 1;
  const value = Number(argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--minutes needs a positive number, got ${argv[i + 1]}`);
  return value;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const minutes = minutesArg(process.argv.slice(2));
  say(`dashboard bench: ${agentCount} agents, ${changesPerSecond} state changes/s, ${minutes} min`);
  const stack = await startE2eStack();
  const browser = await launchBrowser();
  try {
    const ids = Array.from({ length: agentCount }, (_, i) => `a${String(i + 1).padStart(4, "0")}`);
    const now = new Date();
    await stack.publish(ids.flatMap((id) => agentSignedIn(id, now)));
    const { context, page } = await signedInPage(browser, keys.supervisor);
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const heapMb = async () => {
      const { metrics } = await cdp.send("Performance.getMetrics");
      return (metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0) / 1048576;
    };
    const loadStart = Date.now();
    await page.goto(stack.dashboardUrl);
    await page.waitForFunction((n) => document.querySelectorAll("li.agent").length >= n, agentCount, {
      timeout: 120_000,
    });
    const firstLoadMs = Date.now() - loadStart;
    say(`first load to ${agentCount} tiles: ${firstLoadMs} ms`);
    const takeLongTasks = () =>
      page.evaluate(() => {
        const w = window as unknown as { __longTasks: number[] };
        const taken = w.__longTasks;
        w.__longTasks = [];
        return taken;
      });
    await page.waitForTimeout(2_000);
    await takeLongTasks();
    // Reference: the same page for 20 s with no updates (only its one-second clock running).
    await page.waitForTimeout(idleSeconds * 1_000);
    const idleLongTasks = await takeLongTasks();
    say(
      `idle ${idleSeconds} s: ${idleLongTasks.length} long tasks, max ${round(Math.max(0, ...idleLongTasks))} ms`,
    );
    const heaps: number[] = [await heapMb()];
    const latencies: number[] = [];
    const endAt = Date.now() + minutes * 60_000;
    let tick = 0;
    while (Date.now() < endAt) {
      const started = Date.now();
      const at = new Date();
      const events: StarboardEvent[] = [];
      // Each round of ten ticks flips every agent once: away on even rounds, back on odd ones.
      const away = Math.floor((tick * changesPerSecond) / agentCount) % 2 === 0;
      for (let k = 0; k < changesPerSecond; k++) {
        const id = ids[(tick * changesPerSecond + k) % agentCount] ?? "a0001";
        events.push(away ? agentNotReady(id, at, k % 3 === 0 ? "lunch" : "training") : agentReady(id, at));
      }
      const probe = ids[(tick * changesPerSecond) % agentCount] ?? "a0001";
      const expected = away ? "AWAY" : "AVAILABLE";
      await stack.publish(events);
      // Publish -> tile latency for the first agent of the batch.
      await page.waitForFunction(
        ([id, status]) =>
          document.querySelector(`[data-testid="agent-${id}"]`)?.getAttribute("data-status") === status,
        [probe, expected] as const,
        { timeout: 10_000, polling: 10 },
      );
      latencies.push(Date.now() - started);
      tick++;
      if (tick % 10 === 0) heaps.push(await heapMb());
      await new Promise((r) => setTimeout(r, Math.max(0, 1_000 - (Date.now() - started))));
    }
    heaps.push(await heapMb());
    const longTasks = await takeLongTasks();
    const tiles = await page.locator("li.agent").count();
    if (tiles !== agentCount) throw new Error(`expected ${agentCount} tiles at the end, saw ${tiles}`);
    const heapStart = heaps[0] ?? 0;
    const heapEnd = heaps.at(-1) ?? 0;
    say(`heap MB over time: ${heaps.map((h) => round(h)).join(" ")}`);
    const area = "dashboard";
    const rows: BenchRow[] = [
      row(
        {
          area,
          name: `first load to ${agentCount} agent tiles`,
          value: firstLoadMs,
          unit: "ms",
          reference: "RAIL load budget",
          referenceValue: 1_000,
          target: "<= 3000",
        },
        true,
      ),
      row(
        {
          area,
          name: `long task max @${agentCount} agents, ${changesPerSecond} changes/s, ${minutes} min`,
          value: round(Math.max(0, ...longTasks)),
          unit: "ms",
          reference: "long-task threshold (50 ms)",
          referenceValue: 50,
          target: "<= 100",
        },
        true,
      ),
      row(
        {
          area,
          name: "long task p99",
          value: round(percentile(longTasks, 99)),
          unit: "ms",
          reference: "long-task threshold (50 ms)",
          referenceValue: 50,
          target: "<= 100",
        },
        true,
      ),
      row(
        {
          area,
          name: "long tasks per minute",
          value: round(longTasks.length / minutes),
          unit: "1/min",
          reference: `same page idle ${idleSeconds} s (clock only)`,
          referenceValue: round((idleLongTasks.length * 60) / idleSeconds),
          target: "<= 6",
        },
        true,
      ),
      row(
        {
          area,
          name: "publish -> tile p50",
          value: percentile(latencies, 50),
          unit: "ms",
          reference: "API subscription tick (100 ms here)",
          referenceValue: 100,
          target: "<= 500",
        },
        true,
      ),
      row(
        {
          area,
          name: "publish -> tile p99",
          value: percentile(latencies, 99),
          unit: "ms",
          reference: "API subscription tick (100 ms here)",
          referenceValue: 100,
          target: "<= 1000",
        },
        true,
      ),
      row(
        {
          area,
          name: `JS heap after ${minutes} min`,
          value: round(heapEnd),
          unit: "MB",
          reference: "heap after first load",
          referenceValue: round(heapStart),
          target: "<= 1.2x first load",
        },
        true,
      ),
      row(
        {
          area,
          name: "JS heap max",
          value: round(Math.max(...heaps)),
          unit: "MB",
          reference: "heap after first load",
          referenceValue: round(heapStart),
          target: "<= 1.5x first load",
        },
        true,
      ),
    ];
    for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
    await context.close();
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    say(`dashboard bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
