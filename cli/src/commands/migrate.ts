import { parseArgs } from "node:util";
import { createWarehouseClient, listMigrations, migrate, type Warehouse } from "@starboard/sql";
import { type Command, UsageError } from "../command";
import { baseConfig } from "../config";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "apply the ClickHouse migrations to the warehouse (idempotent)",
  usage: `starboard migrate [--ttl-days <n>] [--json]

  Applies the numbered migrations not yet recorded in the warehouse, in order; a second run
  applies nothing. Refuses a recorded migration whose file was edited since.
  Warehouse: STARBOARD_CLICKHOUSE_URL (a ClickHouse server), otherwise embedded chdb under
  STARBOARD_DATA_DIR/warehouse (default ./.starboard).

  --ttl-days <n>  raw event retention in days (default 400, set by the migrations)
  --json          print {"warehouse":..,"applied":[..],"alreadyApplied":n,"total":n}`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: "boolean", default: false }, "ttl-days": { type: "string" } },
      strict: true,
    });
    const ttl = values["ttl-days"] === undefined ? undefined : Number(values["ttl-days"]);
    if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 1))
      throw new UsageError(`--ttl-days must be a whole number >= 1, got "${values["ttl-days"]}"`);
    const config = baseConfig();
    const where = config.clickhouseUrl ?? `chdb ${config.dataDir}`;
    let warehouse: Warehouse | undefined;
    try {
      warehouse = await createWarehouseClient({ dataDir: config.dataDir, url: config.clickhouseUrl ?? "" });
      const result = await migrate(warehouse, ttl === undefined ? {} : { rawEventTtlDays: ttl });
      const total = listMigrations().length;
      const database = warehouse.database;
      if (values.json) io.out(JSON.stringify({ warehouse: where, ...result, total }));
      else if (result.applied.length === 0)
        io.out(`nothing pending: ${total} migrations already applied (${where}, database ${database})`);
      else {
        io.out(`applied ${result.applied.length} of ${total} migrations (${where}, database ${database}):`);
        for (const name of result.applied) io.out(`  ${name}`);
      }
      return 0;
    } catch (error) {
      // An unreachable server or an edited migration: say which warehouse and why, exit 1.
      io.err(`starboard migrate: ${where}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    } finally {
      await warehouse?.close();
    }
  },
};
