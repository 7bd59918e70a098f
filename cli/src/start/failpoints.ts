// Fault injection for the fault suite (`npm run test:faults`), in the manner of FoundationDB's and
// TiKV's failpoints: off unless STARBOARD_FAILPOINTS names one, and then only around the sink's
// warehouse writes, the one place a test cannot reach from outside the process. Each point proves a
// recovery path: a crash between a ClickHouse write and the offset commit, and a warehouse that
// refuses writes for a while.
//
//   STARBOARD_FAILPOINTS="sink.insert=kill-after:3"    SIGKILL itself after the 3rd acknowledged write,
//                                                      before the sink returns (so before the commit)
//   STARBOARD_FAILPOINTS="sink.insert=fail-for:30s"    every write fails for 30 s from the first one

import type { RowsInsert, Warehouse } from "@starboard/sql";

export type SinkFailpoint = { type: "kill-after"; writes: number } | { type: "fail-for"; ms: number };

export class FailpointError extends Error {}

/** Undefined when no failpoint is set; a clear error for a spelling it does not know. */
export function parseSinkFailpoint(spec: string | undefined): SinkFailpoint | undefined {
  if (spec === undefined || spec.trim() === "") return undefined;
  const match = /^sink\.insert=(kill-after|fail-for):(\d+)(s?)$/.exec(spec.trim());
  if (match === null)
    throw new FailpointError(
      `STARBOARD_FAILPOINTS: cannot read "${spec}"; expected sink.insert=kill-after:<writes> or sink.insert=fail-for:<seconds>s`,
    );
  const amount = Number(match[2]);
  if (match[1] === "kill-after") return { type: "kill-after", writes: amount };
  return { type: "fail-for", ms: amount * 1_000 };
}

/** The warehouse the sink writes through, with the failpoint applied to its inserts. */
export function withSinkFailpoint(warehouse: Warehouse, point: SinkFailpoint | undefined): Warehouse {
  if (point === undefined) return warehouse;
  let writes = 0;
  let failingSince: number | undefined;
  const insertRows = async (insert: RowsInsert): Promise<void> => {
    if (point.type === "fail-for") {
      failingSince ??= Date.now();
      if (Date.now() - failingSince < point.ms)
        throw new Error(`failpoint sink.insert: the warehouse refuses writes for ${point.ms / 1_000} s`);
      return warehouse.insertRows(insert);
    }
    await warehouse.insertRows(insert);
    writes += 1;
    if (writes >= point.writes) process.kill(process.pid, "SIGKILL");
  };
  return {
    kind: warehouse.kind,
    database: warehouse.database,
    client: warehouse.client,
    insertRows,
    query: (sql, params) => warehouse.query(sql, params),
    command: (sql, params) => warehouse.command(sql, params),
    close: () => warehouse.close(),
  };
}
