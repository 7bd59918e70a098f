import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { publishEvents, standardTopics, Topics } from "@starboard/core";
import { createWarehouseClient } from "../src/client";
import { migrate } from "../src/migrate";
import {
  convertRecord,
  eventInputBody,
  eventInputColumns,
  eventInputSettings,
  eventInputTable,
  rawEventColumns,
} from "../src/sink/index";
import { nativeBody } from "../src/sink/native";
import { benchDay } from "./events";
import { openLog, readRecords } from "./insert";

// Would a Native body cut from the checked bytes (src/sink/native.ts) make the sink faster? The bench
// day's rows made into the sink's JSONEachRow body and inserted into raw_event_input, against a
// Native block inserted into raw_events, alternating, each body's JavaScript timed apart from its
// insert; both through the warehouse client (a file on chdb). Checks that both store the same rows.
//   npx tsx sql/bench/native-vs-objects.ts [events] [batch] [rounds]

const [events = 200_000, batch = 100_000, rounds = 5] = process.argv.slice(2).map(Number);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
const dir = mkdtempSync(join(tmpdir(), "starboard-native-"));
const warehouse = await createWarehouseClient({ dataDir: dir, url: "", database: "native" });
const log = await openLog(join(dir, "log"));
try {
  await migrate(warehouse, {});
  await log.ensureTopics(standardTopics(8));
  await publishEvents(log, benchDay(events));
  const records = await readRecords(log, Topics.events, events);
  const rows = records.map((record) => {
    const converted = convertRecord(record);
    if (!converted.ok) throw new Error(converted.reason);
    return converted.row;
  });
  const settings = { parallel_view_processing: 1, insert_deduplicate: 0 };
  const ingestedAt = "2026-12-01 12:00:00.000";
  const kinds = {
    objects: {
      body: (part: typeof rows) => eventInputBody(part, ingestedAt),
      insert: (body: Buffer) =>
        warehouse.insertRows({
          table: eventInputTable,
          columns: eventInputColumns,
          body,
          format: "JSONEachRow",
          settings: { ...eventInputSettings, ...settings },
        }),
    },
    native: {
      body: (part: typeof rows) => {
        const body = nativeBody(part, Date.parse("2026-12-01T12:00:00.000Z"));
        if (body === undefined) throw new Error("a bench event is not laid out as checked");
        return body;
      },
      insert: (body: Buffer) =>
        warehouse.insertRows({
          table: "raw_events",
          columns: rawEventColumns,
          body,
          format: "Native",
          settings,
        }),
    },
  };
  const taken: Record<string, { js: number[]; wall: number[]; cpu: number[]; digest: string }> = {};
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? ["objects", "native"] : ["native", "objects"]) {
      const kind = kinds[name as keyof typeof kinds];
      await warehouse.command("TRUNCATE TABLE raw_events");
      let js = 0;
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      for (let at = 0; at < rows.length; at += batch) {
        const jsStarted = performance.now();
        const body = kind.body(rows.slice(at, at + batch));
        js += performance.now() - jsStarted;
        await kind.insert(body);
      }
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpuStarted);
      const [digest] = await warehouse.query<{ d: string }>(
        "SELECT toString(count()) || '/' || toString(sum(cityHash64(id, type, version, time, tenant, source, channel, contact_id, agent_id, data, log_topic, log_partition, log_offset, ingested_at)))  AS d FROM raw_events",
      );
      const entry = taken[name] ?? { js: [], wall: [], cpu: [], digest: digest?.d ?? "" };
      taken[name] = entry;
      if (entry.digest !== digest?.d) throw new Error(`${name}: rows differ between rounds`);
      entry.js.push(js);
      entry.wall.push(wall);
      entry.cpu.push((used.user + used.system) / 1000);
    }
    console.error(`round ${round + 1} of ${rounds}, load average ${loadavg()[0]?.toFixed(1)}`);
  }
  const objects = taken.objects;
  const native = taken.native;
  if (objects?.digest !== native?.digest)
    throw new Error(`stored rows differ: ${objects?.digest} vs ${native?.digest}`);
  for (const [name, t] of Object.entries(taken))
    console.log(
      `${name}: body ${((median(t.js) * 1000) / events).toFixed(2)} us/event, body + insert ${median(t.wall).toFixed(0)} ms, ` +
        `process CPU ${((median(t.cpu) * 1000) / events).toFixed(1)} us/event (same rows: ${t.digest})`,
    );
} finally {
  await log.close();
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
}
