// The suite's result table: one row per fault, printed when the suite ends and kept with CI's reports.

import { appendFileSync } from "node:fs";
import { join } from "node:path";

export interface FaultRow {
  fault: string;
  /** Records put on the log, re-sends and deliberate duplicates included. */
  eventsSent: number;
  /** Distinct events the warehouse holds (raw_events ids). */
  eventsInReports: number;
  /** Distinct events of the workload: what the reports must count. */
  trueEvents: number;
  /** Rows beyond one per event id, plus report totals that differ from the uninterrupted run's. */
  duplicates: number;
  /** From the end of the fault (restart, writes allowed again) until the consumer had caught up. */
  recoveryMs: number;
}

export function formatTable(rows: readonly FaultRow[]): string {
  const header = [
    "fault",
    "events sent",
    "events in reports",
    "true events",
    "lost",
    "duplicates",
    "recovery",
  ];
  const body = rows.map((r) => [
    r.fault,
    String(r.eventsSent),
    String(r.eventsInReports),
    String(r.trueEvents),
    String(r.trueEvents - r.eventsInReports),
    String(r.duplicates),
    `${(r.recoveryMs / 1_000).toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** Prints the table and appends it to STARBOARD_TEST_REPORT_DIR/faults.md when CI sets it. */
export function publishTable(title: string, rows: readonly FaultRow[]): void {
  const text = `\n${title}\n\n${formatTable(rows)}\n`;
  process.stdout.write(text);
  const dir = process.env.STARBOARD_TEST_REPORT_DIR;
  if (dir !== undefined && dir !== "") appendFileSync(join(dir, "faults.md"), text);
}
