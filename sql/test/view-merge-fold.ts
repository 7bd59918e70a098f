import type { Warehouse } from "../src/client";

// The final state of a warehouse table, read the way its engine folds rows, so two databases fed
// the same events through different views can be compared table by table:
// - AggregatingMergeTree/SummingMergeTree: GROUP BY the sorting key, each column through its own
//   fold (the SimpleAggregateFunction's function, -Merge of an AggregateFunction state, sum for a
//   SummingMergeTree number); array unions sorted, floats rounded to 1e-6 (a float sum's last bits
//   depend on the order rows meet in merges, in either database);
// - ReplacingMergeTree: the rows FINAL leaves;
// - MergeTree, EmbeddedRocksDB: every stored row (a per-event table must get exactly its rows).

interface Column {
  name: string;
  type: string;
}

const ident = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoted(name: string): string {
  if (!ident.test(name)) throw new Error(`unexpected identifier ${name}`);
  return name;
}

function rounded(expr: string, type: string): string {
  return /Float/.test(type) ? `round(${expr}, 6)` : expr;
}

function foldColumn(column: Column, engine: string): string {
  const name = quoted(column.name);
  const simple = /^SimpleAggregateFunction\((\w+), (.*)\)$/.exec(column.type);
  if (simple !== null) {
    const [, fn = "", inner = ""] = simple;
    const folded = `${fn}(${name})`;
    if (fn === "groupUniqArrayArray") return `arraySort(${folded}) AS ${name}`;
    return `${rounded(folded, inner)} AS ${name}`;
  }
  const state = /^AggregateFunction\((\w+),/.exec(column.type);
  if (state !== null) return `${state[1]}Merge(${name}) AS ${name}`;
  if (engine === "SummingMergeTree" && /^U?Int|^Float/.test(column.type))
    return `${rounded(`sum(${name})`, column.type)} AS ${name}`;
  throw new Error(`no fold for ${engine} column ${name} ${column.type}`);
}

/** The SELECT that reads `database.table` folded; undefined for tables that hold nothing (Null). */
export async function foldQuery(
  warehouse: Warehouse,
  database: string,
  table: string,
): Promise<string | undefined> {
  const [info] = await warehouse.query<{ engine: string; sorting_key: string }>(
    "SELECT engine, sorting_key FROM system.tables WHERE database = {database:String} AND name = {table:String}",
    { database, table },
  );
  if (info === undefined) throw new Error(`no table ${database}.${table}`);
  const source = `${quoted(database)}.${quoted(table)}`;
  const engine = info.engine;
  if (engine === "Null") return undefined;
  if (engine === "MergeTree" || engine === "EmbeddedRocksDB") return `SELECT * FROM ${source} ORDER BY ALL`;
  if (engine === "ReplacingMergeTree") return `SELECT * FROM ${source} FINAL ORDER BY ALL`;
  if (engine !== "AggregatingMergeTree" && engine !== "SummingMergeTree")
    throw new Error(`no fold for engine ${engine} (${source})`);
  const columns = await warehouse.query<Column>(
    "SELECT name, type FROM system.columns WHERE database = {database:String} AND table = {table:String} ORDER BY position",
    { database, table },
  );
  const key = info.sorting_key.split(",").map((k) => quoted(k.trim()));
  const values = columns.filter((c) => !key.includes(c.name)).map((c) => foldColumn(c, engine));
  return `SELECT ${[...key, ...values].join(", ")} FROM ${source} GROUP BY ${key.join(", ")} ORDER BY ${key.join(", ")}`;
}

/** Rows of `a` not matched in `b` (as JSON, counting repeats), for a short failure message. */
export function rowsMissing(a: readonly unknown[], b: readonly unknown[]): string[] {
  const left = new Map<string, number>();
  for (const row of b) left.set(JSON.stringify(row), (left.get(JSON.stringify(row)) ?? 0) + 1);
  const missing: string[] = [];
  for (const row of a) {
    const text = JSON.stringify(row);
    const n = left.get(text) ?? 0;
    if (n === 0) missing.push(text);
    else left.set(text, n - 1);
  }
  return missing;
}

/** Tables of a database with their folded rows (bookkeeping and the raw_events archive left out). */
export async function foldedTables(
  warehouse: Warehouse,
  database: string,
): Promise<Map<string, Record<string, unknown>[]>> {
  const tables = await warehouse.query<{ name: string }>(
    "SELECT name FROM system.tables WHERE database = {database:String} AND engine != 'MaterializedView' " +
      "AND name NOT IN ('starboard_migrations', 'raw_events') ORDER BY name",
    { database },
  );
  const folded = new Map<string, Record<string, unknown>[]>();
  for (const { name } of tables) {
    const sql = await foldQuery(warehouse, database, name);
    if (sql !== undefined) folded.set(name, await warehouse.query<Record<string, unknown>>(sql));
  }
  return folded;
}

/** Materialized views on a database's raw_events, with the table each writes. */
export async function viewTargets(warehouse: Warehouse, database: string): Promise<Map<string, string[]>> {
  const rows = await warehouse.query<{ name: string; query: string }>(
    "SELECT name, create_table_query AS query FROM system.tables " +
      "WHERE database = {database:String} AND engine = 'MaterializedView' ORDER BY name",
    { database },
  );
  const targets = new Map<string, string[]>();
  for (const row of rows) {
    const target = / TO (?:\w+\.)?(\w+)/.exec(row.query)?.[1] ?? "?";
    targets.set(target, [...(targets.get(target) ?? []), row.name]);
  }
  return targets;
}
