import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InProcessEventLog } from "../../src/log/index";
import { eventLogContract } from "./contract";

eventLogContract("in-process (SQLite)", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "starboard-log-"));
  return {
    open: async () => new InProcessEventLog({ dataDir, pollIntervalMs: 20 }),
    childEnv: () => ({ STARBOARD_DATA_DIR: dataDir, STARBOARD_KAFKA_BROKERS: "" }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    settleMs: 0,
  };
});
