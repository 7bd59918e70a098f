import type { Warehouse } from "./client";
import { listMigrations, type Migration, splitStatements } from "./migrations";

export interface MigrateOptions {
  /** Overrides the raw-event retention set by the migrations (400 days). */
  rawEventTtlDays?: number;
  /** Defaults to the package's sql/migrations. */
  migrations?: readonly Migration[];
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export class EditedMigrationError extends Error {
  override readonly name = "EditedMigrationError";
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

const bookkeeping = `CREATE TABLE IF NOT EXISTS starboard_migrations
(
    version UInt32,
    name String,
    checksum String,
    applied_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY version`;

/**
 * Applies the numbered migrations not yet recorded, in order. Idempotent: a second run applies
 * nothing. A recorded migration whose file changed since is refused: history is append-only, a
 * change to an applied schema is a new migration.
 */
export async function migrate(warehouse: Warehouse, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? listMigrations();
  await warehouse.command(bookkeeping);
  const rows = await warehouse.query<AppliedRow>(
    "SELECT toUInt32(version) AS version, name, checksum FROM starboard_migrations ORDER BY version",
  );
  const applied = new Map(rows.map((r) => [Number(r.version), r]));
  const known = new Set(migrations.map((m) => m.version));
  for (const row of applied.values()) {
    if (!known.has(Number(row.version))) {
      throw new Error(
        `the warehouse has migration ${row.name}, which this build does not know: upgrade first`,
      );
    }
  }
  const result: MigrateResult = { applied: [], alreadyApplied: 0 };
  for (const migration of migrations) {
    const recorded = applied.get(migration.version);
    if (recorded !== undefined) {
      if (recorded.checksum !== migration.checksum) {
        throw new EditedMigrationError(
          `migration ${migration.name} was edited after it was applied (recorded sha256 ${recorded.checksum.slice(0, 12)}, ` +
            `file ${migration.checksum.slice(0, 12)}); restore it and add a new numbered migration instead`,
        );
      }
      result.alreadyApplied++;
      continue;
    }
    // Statements use IF NOT EXISTS, so a run interrupted inside a file is safe to repeat.
    for (const statement of splitStatements(migration.sql)) await warehouse.command(statement);
    await warehouse.command(
      "INSERT INTO starboard_migrations (version, name, checksum, applied_at) VALUES ({version:UInt32}, {name:String}, {checksum:String}, now64(3))",
      { version: migration.version, name: migration.name, checksum: migration.checksum },
    );
    result.applied.push(migration.name);
  }
  if (options.rawEventTtlDays !== undefined) await setRawEventTtl(warehouse, options.rawEventTtlDays);
  return result;
}

/** The tables that hold events as they came, kept as long as raw_events (0024's queue_stay_events). */
const rawEventTables = ["raw_events", "queue_stay_events"] as const;

export async function setRawEventTtl(warehouse: Warehouse, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`raw event TTL must be a whole number of days >= 1, got ${days}`);
  for (const table of rawEventTables)
    await warehouse.command(`ALTER TABLE ${table} MODIFY TTL toDateTime(time) + INTERVAL ${days} DAY`);
}
