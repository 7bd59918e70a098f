export { type WarehouseBenchOptions, warehouseBenchmarks } from "../bench/warehouse-bench";
export {
  createWarehouseClient,
  type QueryParams,
  type RowsInsert,
  type Warehouse,
  type WarehouseOptions,
} from "./client";
export {
  EditedMigrationError,
  type MigrateOptions,
  type MigrateResult,
  migrate,
  setRawEventTtl,
} from "./migrate";
export { listMigrations, type Migration, migrationsDir } from "./migrations";
export * from "./reports/index";
export * from "./sink/index";
