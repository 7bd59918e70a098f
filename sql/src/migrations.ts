import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Migration {
  version: number;
  /** The file name, e.g. "0001_raw_events.sql". */
  name: string;
  sql: string;
  /** sha256 of the file's bytes, hex. */
  checksum: string;
}

export const migrationsDir = fileURLToPath(new URL("../migrations", import.meta.url));

const fileName = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The migration files in order; refuses misnamed files, duplicate numbers and gaps. */
export function listMigrations(dir: string = migrationsDir): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const migrations = files.map((name) => {
    const match = fileName.exec(name);
    if (match === null) throw new Error(`migration file ${name} must be named NNNN_snake_case.sql`);
    const bytes = readFileSync(`${dir}/${name}`);
    return {
      version: Number(match[1]),
      name,
      sql: bytes.toString("utf8"),
      checksum: createHash("sha256").update(bytes).digest("hex"),
    };
  });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `migration ${m.name}: expected number ${String(i + 1).padStart(4, "0")} (unique, from 0001, no gaps)`,
      );
    }
  });
  return migrations;
}

/**
 * Statements of a migration file. A statement ends at a line ending in ";" that is not a "--"
 * comment (the files are written that way); a server's HTTP interface takes one statement per request.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = current.join("\n").trim();
    if (current.some((line) => line.trim() !== "" && !line.trim().startsWith("--"))) statements.push(text);
    current = [];
  };
  for (const line of sql.split(/\r?\n/)) {
    const code = line.trim();
    if (!code.startsWith("--") && code.endsWith(";")) {
      current.push(line.slice(0, line.lastIndexOf(";")));
      flush();
    } else current.push(line);
  }
  flush();
  return statements.map((s) => s.trim());
}
