import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { exampleEvents, parseEventJson, type StarboardEvent, Topics } from "../../src/events/index";
import { fingerprintOf } from "../../src/log/checked";
import {
  catalogFingerprint,
  checkedEnvelope,
  checkedHeader,
  InProcessEventLog,
  type LogRecord,
  publishEvents,
  standardTopics,
} from "../../src/log/index";
import { collect } from "./harness";

const queued = exampleEvents["contact.queued"];

describe("publishEvents marks what it checked", () => {
  let dataDir: string;
  let log: InProcessEventLog;
  let records: LogRecord[];
  // Keys in a producer's own order, and an id outside ASCII: what is written is the checked event.
  const shuffled = {
    data: queued.data,
    time: queued.time,
    source: queued.source,
    id: "来电-42",
    channel: queued.channel,
    version: queued.version,
    tenant: queued.tenant,
    contactId: queued.contactId,
    type: queued.type,
  } as StarboardEvent;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "starboard-checked-"));
    log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await log.ensureTopics(standardTopics(2));
    await publishEvents(log, [shuffled]);
    const reader = await collect(log, { groupId: "checked", topics: [Topics.events] });
    await reader.waitFor(1);
    await reader.subscription.stop();
    records = reader.records;
  });

  afterAll(async () => {
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes the event with id, type, version and time first, and the catalog's fingerprint", () => {
    const [record] = records;
    if (record === undefined) throw new Error("nothing published");
    expect(record.headers[checkedHeader]).toBe(catalogFingerprint());
    expect(record.value.toString()).toMatch(/^\{"id":"来电-42","type":"contact.queued","version":1,"time":"/);
    expect(parseEventJson(record.value)).toEqual({ ok: true, event: { ...queued, id: "来电-42" } });
    expect(checkedEnvelope(record)).toEqual({ id: "来电-42", time: queued.time });
  });
});

describe("checkedEnvelope", () => {
  const canonical = JSON.stringify(queued);
  // mark: "this catalog", none, or another catalog's fingerprint.
  const record = (value: string, mark: string | undefined): LogRecord => ({
    topic: Topics.events,
    partition: 0,
    offset: 0,
    key: "k",
    value: Buffer.from(value),
    headers:
      mark === undefined ? {} : { [checkedHeader]: mark === "this catalog" ? catalogFingerprint() : mark },
    timestamp: 0,
  });

  it.each([
    { name: "a marked event as publishEvents writes it", value: canonical, mark: "this catalog", read: true },
    { name: "no mark (another producer)", value: canonical, mark: undefined, read: false },
    {
      name: "another catalog's mark (another version)",
      value: canonical,
      mark: "0123456789abcdef",
      read: false,
    },
    {
      name: "an id with an escape",
      value: JSON.stringify({ ...queued, id: 'say "hi"' }),
      mark: "this catalog",
      read: false,
    },
    {
      name: "keys in another order",
      value: JSON.stringify({ type: queued.type, id: queued.id, time: queued.time, version: queued.version }),
      mark: "this catalog",
      read: false,
    },
    {
      name: "a time without milliseconds",
      value: canonical.replace(queued.time, "2026-11-30T09:15:21Z"),
      mark: "this catalog",
      read: false,
    },
  ])("$name: read from the bytes = $read", ({ value, mark, read }) => {
    const envelope = checkedEnvelope(record(value, mark));
    expect(envelope).toEqual(read ? { id: queued.id, time: queued.time } : undefined);
  });

  it.each([
    { name: "Chinese", id: "来电-42" },
    { name: "128 four-byte characters (past the short prefix)", id: "😀".repeat(128) },
    { name: "accented Latin", id: "café-ü" },
  ])("reads an id of $name as JSON.parse does", ({ id }) => {
    const value = JSON.stringify({ ...queued, id });
    expect(checkedEnvelope(record(value, "this catalog"))).toEqual({ id, time: queued.time });
  });
});

describe("the catalog fingerprint", () => {
  const base = z.object({ queueId: z.string().max(64), waitMs: z.number() });
  const fingerprint = (schema: z.ZodType) => fingerprintOf([{ name: "contact.queued@1 contact", schema }]);

  it("is 16 hex digits, the same on every call", () => {
    expect(catalogFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(catalogFingerprint()).toBe(catalogFingerprint());
  });

  it.each([
    { name: "a bound", schema: z.object({ queueId: z.string().max(65), waitMs: z.number() }) },
    { name: "a field", schema: base.extend({ position: z.number() }) },
    { name: "a refinement", schema: base.refine((d) => d.waitMs >= 0) },
    {
      name: "a refinement's rule",
      schema: base.refine((d) => d.waitMs >= 1),
      against: base.refine((d) => d.waitMs >= 0),
    },
  ])("changes with $name", ({ schema, against }) => {
    expect(fingerprint(schema)).not.toBe(fingerprint(against ?? base));
  });

  it("changes with a type's name, version or subject rule", () => {
    const named = (name: string) => fingerprintOf([{ name, schema: base }]);
    const names = ["contact.queued@1 contact", "contact.queued@2 contact", "contact.queued@1 open"];
    expect(new Set(names.map(named)).size).toBe(3);
  });
});
