import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CustomerDirectory,
  type CustomerRecord,
  decodeCustomer,
  followCustomers,
  publishCustomers,
} from "../../src/customers/index";
import { Topics } from "../../src/events/topics";
import { DeadLetterHeaders, InProcessEventLog, standardTopics } from "../../src/log/index";
import { SqliteLogStore } from "../../src/log/sqlite/store";
import { collect } from "../log/harness";

const vip: CustomerRecord = { id: "c-1", phones: ["+14155550100"], identities: [], tier: "vip", tags: [] };
const bytes = (text: string) => Buffer.from(text);

describe("decodeCustomer", () => {
  it.each([
    ["a record", "c-1", JSON.stringify(vip), "upsert"],
    ["an empty value (tombstone)", "c-1", "", "remove"],
    ["not JSON", "c-1", "{nope", "refused"],
    [
      "a record missing its phones",
      "c-1",
      JSON.stringify({ id: "c-1", identities: [], tags: [] }),
      "refused",
    ],
    ["a record under another key", "c-2", JSON.stringify(vip), "refused"],
  ])("%s -> %s", (_what, key, value, type) => {
    expect(decodeCustomer({ key, value: bytes(value) }).type).toBe(type);
  });

  it("says where a refused record is wrong", () => {
    const change = decodeCustomer({ key: "c-1", value: bytes(JSON.stringify({ ...vip, phones: "x" })) });
    expect(change).toEqual({ type: "refused", reason: expect.stringContaining("phones") });
  });
});

describe("followCustomers on the embedded log", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "starboard-customers-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("rebuilds the directory from the topic, applies later changes, and dead-letters bad records", async () => {
    const log = new InProcessEventLog({ dataDir, pollIntervalMs: 10 });
    await log.ensureTopics(standardTopics(2));
    await publishCustomers(log, [vip, { ...vip, id: "c-2", phones: ["+8613800138000"], tier: "new" }]);
    await log.publish(Topics.customers, [{ key: "c-3", value: "{not json" }]);
    await publishCustomers(log, [], ["c-2"]);

    const directory = new CustomerDirectory();
    const followed = await followCustomers(log, directory, "directory-test");
    await followed.caughtUp;
    expect(directory.recognize("+14155550100")?.tier).toBe("vip");
    expect(directory.byId("c-2")).toBeUndefined();
    expect(directory.size).toBe(1);

    // A CRM change after start is seen without a restart.
    await publishCustomers(log, [{ ...vip, tier: "high-value" }]);
    await expect.poll(() => directory.recognize("+14155550100")?.tier).toBe("high-value");
    await followed.subscription.stop();

    const deadLetters = await collect(log, { groupId: "dead-reader", topics: [Topics.deadLetter] });
    await deadLetters.waitFor(1);
    await deadLetters.subscription.stop();
    const dead = deadLetters.records;
    expect(dead).toHaveLength(1);
    expect(dead[0]?.key).toBe("c-3");
    expect(dead[0]?.headers[DeadLetterHeaders.step]).toBe("customers.decode");
    expect(Buffer.from(dead[0]?.value ?? []).toString()).toBe("{not json");
    await log.close();
  });

  it("is caught up at once on an empty topic", async () => {
    const log = new InProcessEventLog({ dataDir, pollIntervalMs: 10 });
    await log.ensureTopics(standardTopics(2));
    const directory = new CustomerDirectory();
    const followed = await followCustomers(log, directory, "directory-empty");
    await followed.caughtUp;
    expect(directory.size).toBe(0);
    await followed.subscription.stop();
    await log.close();
  });

  it("keeps a compacted topic's records past the age that trims an ordinary topic", () => {
    const store = new SqliteLogStore(join(dataDir, "store.sqlite"), "normal", false, () => {});
    store.ensureTopic({ name: "history", partitions: 1, retentionMs: 1_000 });
    store.ensureTopic({ name: "table", partitions: 1, retentionMs: 1_000, compact: true });
    const row = (topic: string) => ({ topic, partition: 0, key: "c-1", value: "{}", headers: null });
    store.append([row("history"), row("table")], 0);
    expect(store.applyRetention(365 * 24 * 3600 * 1000)).toBe(1);
    expect(store.read("table", 0, 0, 10)).toHaveLength(1);
    expect(store.read("history", 0, 0, 10)).toHaveLength(0);
  });
});
