import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Session } from "chdb";

/**
 * The in-memory table of the chat first-response state (chat_contact_state, EmbeddedRocksDB, 0018
 * and 0023): 4 MB instead of RocksDB's 64 MB default. Since 0023 the sink's writes to that table go
 * through RocksDB's write path, which gathers them in memory until the buffer is full; chdb counts
 * that memory as its own. In a bare chdb, 300-row inserts of chat states (54 MB written per 1,000
 * inserts) took chdb's tracked memory from ~20 to ~80 MB and back at each flush with the default,
 * and kept it at 10-16 MB with 4 MB (RSS ~400 against ~350 MB). In the platform the table receives
 * ~0.03 MB/s, so with the default its memory rose for ~40 minutes before the first flush: a steady
 * climb in every run of the memory benchmark. A flush every 4 MB is a small file every few minutes,
 * which RocksDB's compaction folds.
 */
export const chatStateWriteBufferBytes = 4 * 1024 * 1024;

/** Server configuration the embedded engine starts with (ClickHouse's config.xml layout). */
export function engineConfigXml(): string {
  return `<clickhouse>
  <rocksdb>
    <tables>
      <table>
        <name>chat_contact_state</name>
        <column_family_options>
          <write_buffer_size>${chatStateWriteBufferBytes}</write_buffer_size>
        </column_family_options>
      </table>
    </tables>
  </rocksdb>
</clickhouse>
`;
}

/**
 * Starts the embedded engine at `path` with `engineConfigXml()`. The configuration is read when a
 * process first opens a data directory, and the connections opened at the same path afterwards
 * (`chdb/connection`'s, which takes no engine arguments) share that engine; so this session opens
 * first and closes last. The file is rewritten on every start, so it always matches this version.
 */
export function startConfiguredEngine(path: string): Session {
  const file = join(path, "starboard-engine.xml");
  writeFileSync(file, engineConfigXml());
  return new Session(path, { connectionArgs: [`--config-file=${file}`] });
}
