import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { QueryParams, Warehouse } from "../client";

export const queriesDir = fileURLToPath(new URL("../../queries", import.meta.url));

const cache = new Map<string, string>();

/** Runs `sql/queries/<name>.sql` with typed parameters (never string-built SQL). */
export async function runNamedQuery<T>(
  warehouse: Warehouse,
  name: string,
  params: QueryParams,
): Promise<T[]> {
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = readFileSync(`${queriesDir}/${name}.sql`, "utf8");
    cache.set(name, sql);
  }
  return warehouse.query<T>(sql, params);
}

/** A Date as a DateTime64(3) parameter, UTC. */
export function timeParam(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export interface TimeRange {
  from: Date;
  to: Date;
  /** Default "default". */
  tenant?: string;
}

export function rangeParams(range: TimeRange): QueryParams {
  return { tenant: range.tenant ?? "default", from: timeParam(range.from), to: timeParam(range.to) };
}

/** A ClickHouse server may quote 64-bit numbers; chdb does not. Accept both. */
export function num(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

/** x / y, or null when nothing was counted. */
export function ratio(x: number, y: number): number | null {
  return y === 0 ? null : x / y;
}
