import { parseArgs } from "node:util";
import type { BenchRow } from "@starboard/core/bench";
import { type Command, UsageError } from "../command";
import { baseConfig } from "../config";

type Area = (options: {
  kafkaBrokers: string[];
  progress: (message: string) => void;
  /** --platform-seconds and --platform-agents, when given. */
  platform: { seconds?: number; agents?: number };
}) => Promise<BenchRow[]>;

// Each area's code is loaded when it runs: every command shares main.ts's imports, and the fuzz
// area's generators alone kept ~85 MB alive in every process (`starboard start` included), and their
// evaluation took ~1 s of each start.
const areas: Record<string, Area> = {
  log: async (options) => (await import("@starboard/core/bench")).logBenchmarks(options),
  ingest: async (options) => (await import("@starboard/ingest")).ingestBenchmarks(options),
  warehouse: async (options) => (await import("@starboard/sql")).warehouseBenchmarks(options),
  routing: async (options) => (await import("@starboard/core/bench")).routingBenchmarks(options),
  api: async (options) =>
    (await import("@starboard/graphql/bench")).apiBenchmarks({ progress: options.progress }),
  platform: async (options) =>
    (await import("../../bench/platform-bench")).platformBenchmarks({
      progress: options.progress,
      seconds: options.platform.seconds ?? Number(process.env.STARBOARD_BENCH_PLATFORM_SECONDS ?? 60),
      ...(options.platform.agents === undefined ? {} : { agents: options.platform.agents }),
    }),
  qa: async (options) => (await import("@starboard/core/bench")).qaBenchmarks({ progress: options.progress }),
  fuzz: async (options) =>
    (await import("../../bench/fuzz-bench")).fuzzBenchmarks({
      progress: options.progress,
      seconds: Number(process.env.STARBOARD_BENCH_FUZZ_SECONDS ?? 60),
    }),
};

function formatTable(rows: readonly BenchRow[]): string[] {
  const header = ["area", "benchmark", "value", "reference", "ref value", "ratio", "target"];
  const cells = rows.map((r) => [
    r.area,
    r.name,
    r.note === undefined ? `${r.value.toLocaleString("en-US")} ${r.unit}` : "not measured",
    r.reference,
    r.note === undefined ? `${r.referenceValue.toLocaleString("en-US")} ${r.unit}` : "",
    r.note === undefined ? `${r.ratio.toFixed(2)}x` : "",
    r.target,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ");
  const notes = rows.filter((r) => r.note !== undefined).map((r) => `note: ${r.name}: ${r.note}`);
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line), ...notes];
}

/** "10m", "90s", "1h" -> seconds; at least 40 s, so a warm-up quarter leaves samples to compare. */
export function soakSeconds(text: string): number {
  const match = /^(\d+)(s|m|h)$/.exec(text.trim());
  const seconds =
    match === null ? Number.NaN : Number(match[1]) * { s: 1, m: 60, h: 3_600 }[match[2] as "s" | "m" | "h"];
  if (!Number.isFinite(seconds) || seconds < 40)
    throw new UsageError(`--soak must be a duration of at least 40s such as 10m or 90s (got "${text}")`);
  return seconds;
}

/** An optional whole-number flag of at least `min`, as `{ [key]: n }` or `{}` when absent. */
function positive<K extends string>(
  flag: string,
  text: string | undefined,
  min: number,
  key: K,
): Partial<Record<K, number>> {
  if (text === undefined) return {};
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number of at least ${min} (got "${text}")`);
  return { [key]: n } as Partial<Record<K, number>>;
}

export const benchCommand: Command = {
  name: "bench",
  summary: "run the benchmarks, each figure beside its reference run in the same process",
  usage: `starboard bench [--only <area,...>] [--platform-seconds <n>] [--platform-agents <n>] [--soak <duration>] [--json]

  --only <areas>      comma-separated areas to run (${Object.keys(areas).join(", ")}); default all
  --platform-seconds <n>  the platform area's run (default 60, or STARBOARD_BENCH_PLATFORM_SECONDS;
                      the issue asks for 300); rates and CPU are taken after its first quarter
  --platform-agents <n>   simulated agents in the platform area's load run (default 200)
  --soak <duration>   instead of the areas: the platform under a steady 2,000 events/s for the
                      duration (e.g. 10m, 90s); memory, event-loop lag and backlogs must stay flat
  --json              one JSON object per row on stdout
  Kafka rows need STARBOARD_KAFKA_BROKERS (bash infra/kafka/kafka.sh start).`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        only: { type: "string" },
        soak: { type: "string" },
        "platform-seconds": { type: "string" },
        "platform-agents": { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
    });
    if (values.soak !== undefined) {
      if (values.only !== undefined) throw new UsageError("--soak runs alone: drop --only");
      const { soakBenchmarks } = await import("../../bench/soak-bench");
      const rows = await soakBenchmarks({
        seconds: soakSeconds(values.soak),
        progress: (m) => io.err(`… ${m}`),
      });
      if (values.json) for (const r of rows) io.out(JSON.stringify(r));
      else for (const line of formatTable(rows)) io.out(line);
      return 0;
    }
    const selected =
      values.only === undefined ? Object.keys(areas) : values.only.split(",").map((a) => a.trim());
    for (const name of selected) {
      if (!(name in areas))
        throw new UsageError(`unknown area "${name}" (known: ${Object.keys(areas).join(", ")})`);
    }
    const platform = {
      ...positive("--platform-seconds", values["platform-seconds"], 20, "seconds"),
      ...positive("--platform-agents", values["platform-agents"], 1, "agents"),
    };
    const config = baseConfig();
    const rows: BenchRow[] = [];
    for (const name of selected) {
      const area = areas[name] as Area;
      const progress = (m: string) => io.err(`… ${m}`);
      rows.push(...(await area({ kafkaBrokers: config.kafkaBrokers, progress, platform })));
    }
    if (values.json) for (const r of rows) io.out(JSON.stringify(r));
    else for (const line of formatTable(rows)) io.out(line);
    return 0;
  },
};
