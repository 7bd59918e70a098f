import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWarehouseClient, type Warehouse } from "../src/client";
import { migrate } from "../src/migrate";

/** A fresh embedded warehouse in a temp dir for one test file (each file is its own process). */
export async function freshWarehouse(options: { migrated?: boolean } = {}): Promise<{
  warehouse: Warehouse;
  dataDir: string;
  dispose: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), "starboard-sql-"));
  const warehouse = await createWarehouseClient({ dataDir, url: "", database: "test" });
  if (options.migrated !== false) await migrate(warehouse);
  return {
    warehouse,
    dataDir,
    dispose: async () => {
      await warehouse.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
