import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { limitHeapGrowth } from "../../src/start/heap-policy";

const churn = fileURLToPath(new URL("./heap-churn.ts", import.meta.url));

/** The largest heap V8 committed in a child churning ~200 MB of live and promoted objects. */
async function maxCommittedMb(args: string[]): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", churn, ...args]);
  return (JSON.parse(stdout) as { maxCommitted: number }).maxCommitted / 2 ** 20;
}

describe("the heap growth policy", () => {
  it("keeps the committed heap near what is alive where V8 alone lets it reach several times that", async () => {
    const unlimited = await maxCommittedMb([]);
    const limited = await maxCommittedMb(["policy"]);
    // ~180 MB are alive at the end (1M kept objects and the 300k-object ring): 1.5x of that plus
    // the young generation came to ~350 MB here, where V8's own factor took it to ~830 (6M churned).
    expect(limited).toBeLessThan(450);
    expect(unlimited).toBeGreaterThan(limited * 1.8);
  }, 60_000);

  it("leaves a limit the operator set on node's command line", () => {
    expect(limitHeapGrowth(["--heap-growing-percent=80"])).toBe(false);
    expect(limitHeapGrowth(["--heap_growing_percent", "80"])).toBe(false);
  });
});
