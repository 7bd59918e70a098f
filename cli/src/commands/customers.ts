import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type CustomerRecord, customerRecordSchema, openEventLog, publishCustomers } from "@starboard/core";
import { type Command, UsageError } from "../command";
import { baseConfig } from "../config";

/** Each line of the file as a record (list fields may be left out), or the first problem with its line. */
export function parseCustomerLines(text: string, file: string): CustomerRecord[] {
  const records: CustomerRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    const where = `${file}:${i + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${where}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const withLists =
      typeof parsed === "object" && parsed !== null
        ? { phones: [], identities: [], tags: [], ...parsed }
        : parsed;
    const result = customerRecordSchema.safeParse(withLists);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new UsageError(`${where}: ${issue?.path.join(".") || "line"}: ${issue?.message ?? "invalid"}`);
    }
    records.push(result.data);
  }
  return records;
}

export const customersCommand: Command = {
  name: "customers",
  summary: "load customers (JSON lines) into the directory topic that recognizes callers",
  usage: `starboard customers [<customers.jsonl>] [--remove <id,...>] [--json]

  <customers.jsonl>  one customer per line: {"id":"c-1","name":"...","phones":["+8613800138000"],
                     "identities":["wechat:alice"],"tier":"vip","tags":["..."],"segment":"..."}
  --remove <ids>     comma-separated customer ids to remove from the directory
  --json             the summary on stdout as one JSON object
  Records go to the compacted starboard.customers topic (Kafka when STARBOARD_KAFKA_BROKERS is set,
  else the embedded log in STARBOARD_DATA_DIR). Running services pick them up within a poll; a
  record replaces the customer's previous one. The whole file is checked first: one bad line
  publishes nothing and names the line.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { remove: { type: "string" }, json: { type: "boolean", default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const file = positionals[0];
    const removed = (values.remove ?? "")
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== "");
    if (file === undefined && removed.length === 0) throw new UsageError("give a customers file or --remove");
    let records: CustomerRecord[] = [];
    if (file !== undefined) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        throw new UsageError(
          `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      records = parseCustomerLines(text, file);
    }
    const config = baseConfig();
    const log = await openEventLog({ dataDir: config.dataDir, kafkaBrokers: config.kafkaBrokers });
    try {
      await publishCustomers(log, records, removed);
    } finally {
      await log.close();
    }
    const summary = { published: records.length, removed: removed.length };
    if (values.json) io.out(JSON.stringify(summary));
    else io.out(`${records.length} customers published, ${removed.length} removed`);
    return 0;
  },
};
