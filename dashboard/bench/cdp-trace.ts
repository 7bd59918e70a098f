// A Chrome trace over a CDP session (Tracing domain), collected in memory.

import type { CDPSession } from "playwright-core";
import type { TraceEvent } from "./trace-summary";

export interface RunningTrace {
  /** Ends the trace and returns every event it recorded. */
  stop(): Promise<TraceEvent[]>;
}

export async function startTrace(cdp: CDPSession, categories: string[]): Promise<RunningTrace> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => events.push(...(e.value as unknown as TraceEvent[]));
  cdp.on("Tracing.dataCollected", collect);
  await cdp.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: { includedCategories: categories },
  });
  return {
    stop: async () => {
      const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
      await cdp.send("Tracing.end");
      await done;
      cdp.off("Tracing.dataCollected", collect);
      return events;
    },
  };
}
