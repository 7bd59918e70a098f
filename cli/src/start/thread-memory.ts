// The load generator's thread has its own V8 heap, which the main thread's process.memoryUsage()
// does not count (heapUsed/heapTotal are per isolate) although the process's RSS does. The worker
// reports this with its stats so a memory breakdown can tell the generator's heap from the platform's.

import { constants, PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";

export interface ThreadMemory {
  /** JS heap in use now (garbage included). */
  heapUsed: number;
  /** JS heap in use right after the latest major GC: what is alive. */
  liveHeap: number;
  /** V8 heap committed (what the heap costs in RSS). */
  heapCommitted: number;
  /** Memory of JS objects held outside the heap (Buffers, ArrayBuffers) in this isolate. */
  external: number;
}

export const noThreadMemory: ThreadMemory = { heapUsed: 0, liveHeap: 0, heapCommitted: 0, external: 0 };

/** Node puts a GC entry's kind in `detail`, which the DOM-shaped PerformanceEntry type omits. */
function gcKind(entry: object): number | undefined {
  const detail: unknown = "detail" in entry ? entry.detail : undefined;
  return typeof detail === "object" && detail !== null && "kind" in detail && typeof detail.kind === "number"
    ? detail.kind
    : undefined;
}

/** This isolate's heap figures; `liveHeap` follows major GCs from the call on until `stop`. */
export function watchThreadMemory(): { read: () => ThreadMemory; stop: () => void } {
  let live = getHeapStatistics().used_heap_size;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (gcKind(entry) === constants.NODE_PERFORMANCE_GC_MAJOR) live = getHeapStatistics().used_heap_size;
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    read() {
      const h = getHeapStatistics();
      return {
        heapUsed: h.used_heap_size,
        liveHeap: live,
        heapCommitted: h.total_heap_size,
        external: h.external_memory,
      };
    },
    stop: () => observer.disconnect(),
  };
}
