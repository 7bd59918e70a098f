import { type BenchProgress, type BenchRow, row } from "@starboard/core/bench";
import fc from "fast-check";
import { eventTargets } from "../../core/test/fuzz/event-properties";
import type { FuzzTarget } from "../../core/test/fuzz/target";
import { eslTargets } from "../../ingest/test/fuzz/esl-properties";
import { socketTarget } from "../../ingest/test/fuzz/socket-properties";
import { webhookTarget } from "../../ingest/test/fuzz/webhook-properties";

// The fuzz targets of the CI tests (core/test/fuzz, ingest/test/fuzz), each run for a while with a
// fresh random seed: runs per second and failures found, beside JSON.parse of the same inputs in
// the same process (how much work a run is, next to the cheapest thing one can do with the bytes).

export interface FuzzBenchOptions {
  /** Per target (default 60). */
  seconds?: number;
  progress?: BenchProgress;
  /** Fixed first seed (default random, printed), to repeat a run that found something. */
  seed?: number;
}

export const fuzzTargets: readonly FuzzTarget[] = [
  ...eventTargets,
  ...eslTargets,
  webhookTarget,
  socketTarget,
];

/** Inputs kept for the reference: enough to cycle through, not a minute's worth of them. */
const keptInputs = 5_000;

interface Measured {
  runs: number;
  seconds: number;
  failures: number;
  inputs: string[];
}

async function fuzzFor(
  target: FuzzTarget,
  seed: number,
  seconds: number,
  progress: BenchProgress,
): Promise<Measured> {
  const inputs: string[] = [];
  const running = await target.start((text) => {
    if (inputs.length < keptInputs) inputs.push(text);
  });
  let runs = 0;
  let failures = 0;
  const started = performance.now();
  const until = started + seconds * 1_000;
  // A failure ends fast-check's run; go on with the next seed until the time is up, so one run
  // counts every distinct failure it can find in the time.
  for (let round = 0; until - performance.now() > 50; round++) {
    const details = await fc.check(running.property, {
      seed: seed + round,
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: Math.max(1, until - performance.now()),
      markInterruptAsFailure: false,
    });
    runs += details.numRuns;
    // fast-check marks a run interrupted before its first input as failed, with no counterexample.
    if (details.failed && details.counterexample !== null) {
      failures += 1;
      progress(
        `fuzz: ${target.name} FAILED with seed ${seed + round}: ${fc.stringify(details.counterexample).slice(0, 400)} — ${String(details.errorInstance).slice(0, 300)}`,
      );
    }
  }
  const elapsed = (performance.now() - started) / 1_000;
  // Totals a target checks at the end (counters, dead-letter records) count as a failure too.
  await running.stop().catch((error: unknown) => {
    failures += 1;
    progress(`fuzz: ${target.name} FAILED its end-of-run totals: ${String(error).slice(0, 400)}`);
  });
  return { runs, seconds: elapsed, failures, inputs };
}

/** JSON.parse of the same inputs (each as a JSON string, so every one parses), as many times as runs. */
function referenceRate(inputs: readonly string[], runs: number): number {
  const texts = (inputs.length > 0 ? inputs : [""]).map((t) => JSON.stringify(t));
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < runs; i++) sink += (JSON.parse(texts[i % texts.length] as string) as string).length;
  const seconds = Math.max((performance.now() - started) / 1_000, 1e-9);
  if (sink < 0) throw new Error("unreachable: keeps the parses from being optimised away");
  return runs / seconds;
}

export async function fuzzBenchmarks(options: FuzzBenchOptions = {}): Promise<BenchRow[]> {
  const seconds = options.seconds ?? 60;
  const progress = options.progress ?? (() => {});
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  progress(`fuzz: seed ${seed}, ${seconds} s per target, ${fuzzTargets.length} targets`);
  const rows: BenchRow[] = [];
  for (const [i, target] of fuzzTargets.entries()) {
    // Each target its own seed range, so targets do not share inputs by accident.
    const targetSeed = seed + i * 1_000_003;
    progress(`fuzz: ${target.name} (seed ${targetSeed})`);
    const m = await fuzzFor(target, targetSeed, seconds, progress);
    const rate = m.runs / m.seconds;
    rows.push(
      row({
        area: "fuzz",
        name: `${target.name}: runs/s, ${m.runs.toLocaleString("en-US")} runs in ${Math.round(m.seconds)} s, seed ${targetSeed}, ${m.failures} failures`,
        value: Math.round(rate),
        unit: "1/s",
        reference: "JSON.parse of the same inputs",
        referenceValue: Math.round(referenceRate(m.inputs, m.runs)),
        target: "0 failures, >= 60 s per target",
      }),
    );
  }
  return rows;
}
