// A child process for heap-policy.test.ts: keeps ~1M small objects alive, then churns objects that
// live long enough to be promoted (a ring of the latest 300k) and dies; prints the largest heap V8
// committed meanwhile. With `policy` as its argument it applies limitHeapGrowth first.
// The churn is a fixed count, not a time: a slow or busy machine churned fewer objects in a fixed
// 2.5 s, and V8 then grew the heap less (578 MB on one CI machine against 650-720 here).

import { getHeapStatistics } from "node:v8";
import { limitHeapGrowth } from "../../src/start/heap-policy";

if (process.argv[2] === "policy" && !limitHeapGrowth()) throw new Error("the heap policy did not apply");
const alive = Array.from({ length: 1_000_000 }, (_, i) => ({ i, name: `agent-${i}`, skills: [i, i + 1] }));
const recent: object[] = new Array(300_000);
let maxCommitted = 0;
const churned = 6_000_000;
for (let k = 0; k < churned; ) {
  for (let j = 0; j < 10_000; j++, k++) recent[k % recent.length] = { k, id: `contact-${k}`, tags: [k] };
  maxCommitted = Math.max(maxCommitted, getHeapStatistics().total_heap_size);
}
process.stdout.write(JSON.stringify({ maxCommitted, alive: alive.length }));
