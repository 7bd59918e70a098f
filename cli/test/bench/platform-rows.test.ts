import { describe, expect, it } from "vitest";
import { type MemoryParts, rowsOf, type Sample } from "../../bench/platform-rows";
import { rssParts } from "../../bench/platform-watch";

const MB = 2 ** 20;

function sample(i: number, parts: Partial<MemoryParts>, rss: number, heap: number): Sample {
  return {
    wall: i * 1_000,
    log: i * 5_000,
    sink: i * 5_000,
    api: i * 5_000,
    apiTopics: i * 5_000,
    rss,
    heap,
    cpu: i,
    mainCpu: i / 2,
    agenda: 1_000 + i,
    contacts: i * 400,
    parts: {
      heapCommitted: 0,
      external: 0,
      generatorHeapCommitted: 0,
      generatorLiveHeap: 0,
      generatorExternal: 0,
      chdbTracked: 0,
      rssAnon: 0,
      rssFile: 0,
      ...parts,
    },
  };
}

describe("the platform bench's offered load", () => {
  it("reports arrivals, events per contact and the simulated clock's speed after the warm-up quarter", () => {
    const samples = [0, 1, 2, 3, 4].map((i) => sample(i, {}, 600 * MB, 100 * MB));
    // The clock kept 50x for the first second, then fell to 40x: 10 s of wall clock, 400 s simulated.
    const clock = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((s) => ({
      wall: s * 1_000,
      sim: s <= 1 ? s * 50_000 : 50_000 + (s - 1) * 40_000,
    }));
    const rows = rowsOf(samples, { capacity: 10_000, speed: 50, agents: 200, messages: [], clock });
    const offered = rows.find((r) => r.name.startsWith("load offered"));
    expect(offered?.name).toContain("400 contacts/s arriving, 12.5 events on the log per arriving contact");
    expect(offered?.value).toBe(40);
    expect(offered?.referenceValue).toBe(50);
    expect(offered?.ratio).toBe(0.8);
  });
});

describe("the platform bench's memory breakdown", () => {
  it("splits RSS growth after the warm-up quarter into its parts and names the rest", () => {
    const warm = sample(
      1,
      { heapCommitted: 200 * MB, generatorHeapCommitted: 90 * MB, chdbTracked: 40 * MB },
      900 * MB,
      120 * MB,
    );
    const samples = [
      sample(0, {}, 600 * MB, 100 * MB),
      warm,
      sample(
        2,
        { heapCommitted: 210 * MB, generatorHeapCommitted: 95 * MB, chdbTracked: 45 * MB },
        920 * MB,
        125 * MB,
      ),
      sample(
        3,
        {
          heapCommitted: 230 * MB,
          external: 5 * MB,
          generatorHeapCommitted: 150 * MB,
          generatorLiveHeap: 30 * MB,
          generatorExternal: 3 * MB,
          chdbTracked: 60 * MB,
          rssAnon: 7 * MB,
        },
        1_030 * MB,
        130 * MB,
      ),
    ];
    const rows = rowsOf(samples, { capacity: 10_000, speed: 50, agents: 200, messages: [], clock: [] });
    const parts = rows.find((r) => r.name.startsWith("RSS change after warm-up by part"));
    expect(parts?.value).toBe(130);
    // 130 = heap 30 + generator 60 + buffers 8 + chdb 20 + rest 12
    expect(parts?.referenceValue).toBe(12);
    expect(parts?.name).toContain("main V8 heap committed +30 MB (live +10)");
    expect(parts?.name).toContain("generator thread heap committed +60 MB (live +30)");
    expect(parts?.name).toContain(
      "buffers +8 MB, chdb-tracked +20 MB, the rest (allocator, SQLite, code) +12 MB",
    );
    expect(parts?.name).toContain("simulator agenda 1001 -> 1003 tasks");
    // The existing memory row keeps its name and target.
    const memory = rows.find((r) => r.name.startsWith("process RSS: peak"));
    expect(memory?.target).toBe("flat (< 5% growth)");
    expect(memory?.value).toBe(1_030);
  });
});

describe("the API's lag behind the log", () => {
  const lagRow = (samples: Sample[]) =>
    rowsOf(samples, { capacity: 10_000, speed: 50, agents: 200, messages: [], clock: [] }).find((r) =>
      r.name.startsWith("API live picture behind the log"),
    );
  // 5,000 events a second and 1,000 commands: the API applies both.
  const at = (i: number, behindRecords: number): Sample => ({
    ...sample(i, {}, 900 * MB, 100 * MB),
    apiTopics: i * 6_000,
    api: i * 6_000 - behindRecords,
  });

  it.each([
    ["caught up", 0, 0],
    ["500 records behind", 500, 100],
    ["2,500 records behind", 2_500, 500],
  ])("%s: %i records are %i ms at the run's rate of events", (_name, behind, ms) => {
    const samples = Array.from({ length: 8 }, (_, i) => at(i, i === 0 ? 0 : behind));
    expect(lagRow(samples)?.value).toBe(ms);
  });

  it("leaves out the warm-up quarter, as the run's other figures do", () => {
    // Eight samples: the first two are the warm-up, 10,000 records (2 s) behind while the JIT warms.
    const samples = Array.from({ length: 8 }, (_, i) => at(i, i < 2 ? 10_000 : 500));
    expect(lagRow(samples)?.value).toBe(100);
  });
});

describe("rssParts", () => {
  it("reads anonymous and file-backed RSS that add up to no more than the process's RSS", () => {
    const parts = rssParts();
    expect(parts.rssAnon).toBeGreaterThan(0);
    expect(parts.rssFile).toBeGreaterThan(0);
    expect(parts.rssAnon + parts.rssFile).toBeLessThanOrEqual(process.memoryUsage().rss * 1.05);
  });

  it("measures growth between averaged ends of the run, not between two points of a GC sawtooth", () => {
    // 98 s: a 24 s warm-up, then 74 s measured (18 s averaged at each end). RSS alternates
    // between 1,000 and 1,100 MB with each collection and does not grow; a trend is added after.
    const run = (trendMbPerSecond: number) =>
      Array.from({ length: 98 }, (_, i) =>
        sample(i, { rssAnon: 0 }, (1_000 + (i % 2) * 100 + trendMbPerSecond * i) * MB, 200 * MB),
      );
    const memoryRow = (samples: Sample[]) =>
      rowsOf(samples, { capacity: 10_000, speed: 50, agents: 200, messages: [], clock: [] }).find((r) =>
        r.name.startsWith("process RSS: peak"),
      );
    const flat = memoryRow(run(0));
    expect(flat?.name).toContain(
      "growth after warm-up 0.0% (means of the first and last 18 s; 10.0% from one sample to the other)",
    );
    expect([flat?.referenceValue, flat?.value]).toEqual([1_050, 1_050]);
    // 1 MB/s: the averaged ends are 56 s apart (the middles of 24..41 and 80..97).
    const growing = memoryRow(run(1));
    expect(growing?.name).toContain("growth after warm-up 5.2%");
    expect((growing?.value ?? 0) - (growing?.referenceValue ?? 0)).toBe(56);
  });
});
