// What the wallboard's long tasks are made of, under the bench's load: records a Chrome trace and a
// CPU profile over N seconds of updates (default 15) and prints the long tasks' breakdown by trace
// event (script, style recalculation, layout, paint, GC...) and the JavaScript functions sampled in
// them. Run: npx tsx dashboard/bench/wallboard-trace.ts [--seconds N] [--out trace.json]
// [--css 'extra rules']

import { writeFileSync } from "node:fs";
import { launchBrowser, signedInPage } from "../e2e/browser";
import { keys, startE2eStack } from "../e2e/stack";
import { startTrace } from "./cdp-trace";
import { driveTick, loadBoard, signInFloor, sleep } from "./floor-driver";
import { type CpuProfile, functionsInTasks, longTasks, topEntries } from "./trace-summary";

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
}

const categories = [
  "toplevel",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8",
  "v8.execute",
  "blink",
  "blink.user_timing",
];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seconds = Number(arg(argv, "--seconds") ?? 15);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--seconds needs a positive number`);
  const out = arg(argv, "--out");
  // Extra CSS laid over the built app's: tries a rendering idea without a rebuild.
  const css = arg(argv, "--css");
  const stack = await startE2eStack();
  const browser = await launchBrowser();
  try {
    await signInFloor(stack);
    const { context, page } = await signedInPage(browser, keys.supervisor);
    const loadMs = await loadBoard(page, stack.dashboardUrl);
    if (css !== undefined && css !== "") await page.addStyleTag({ content: css });
    process.stderr.write(`loaded in ${loadMs} ms; tracing ${seconds} s of updates\n`);
    await sleep(2_000);
    const cdp = await context.newCDPSession(page);
    // The sampling profiler costs the page time of its own: only on request.
    const profiling = argv.includes("--profile");
    if (profiling) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    }
    const trace = await startTrace(cdp, categories);
    if (profiling) await cdp.send("Profiler.start");
    for (let tick = 0; tick < seconds; tick++) {
      const started = Date.now();
      await driveTick(stack, page, tick);
      await sleep(1_000 - (Date.now() - started));
    }
    const profile = profiling ? (await cdp.send("Profiler.stop")).profile : undefined;
    const events = await trace.stop();
    if (out !== undefined) writeFileSync(out, JSON.stringify({ traceEvents: events }));
    const all = longTasks(events, 0);
    const tasks = all.filter((t) => t.end - t.start >= 50_000);
    const wall = tasks.map((t) => Math.round((t.end - t.start) / 1000));
    const cpu = all.map((t) => t.cpuMs).sort((a, b) => b - a);
    const cpuTotal = cpu.reduce((a, b) => a + b, 0);
    console.log(`long tasks (wall >= 50 ms) in ${seconds} s: ${tasks.length}: ${wall.join(" ")} ms`);
    console.log(
      `main-thread CPU: ${(cpuTotal / seconds).toFixed(0)} ms/s; largest tasks by CPU: ${cpu
        .slice(0, 10)
        .map((ms) => ms.toFixed(0))
        .join(" ")} ms; tasks >= 50 ms CPU: ${cpu.filter((ms) => ms >= 50).length}`,
    );
    console.log("self time per second of updates, all tasks, by trace event (ms/s):");
    for (const [name, ms] of topEntries(
      all.map((t) => t.selfMs),
      16,
    ))
      console.log(`  ${(ms / seconds).toFixed(1).padStart(8)}  ${name}`);
    if (profile !== undefined) {
      console.log("JavaScript sampled in long tasks (ms, self):");
      for (const [fn, ms] of topEntries([functionsInTasks(profile as CpuProfile, tasks)], 30))
        console.log(`  ${ms.toFixed(1).padStart(8)}  ${fn}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `wallboard trace failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
