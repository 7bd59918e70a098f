import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  exampleEvents,
  parseEventJson,
  type StarboardEvent,
  Topics,
  validateEvent,
} from "../../src/events/index";
import {
  checkEventForPublish,
  decodeEventRecord,
  InProcessEventLog,
  type LogRecord,
  publishEvents,
  standardTopics,
} from "../../src/log/index";
import { checkedEventIsOwnCopy, checkedEventStandsForBytes } from "../../src/log/own-copy";
import { collect } from "./harness";

// publishEvents hands the in-process log the event its checks returned, and the log makes it the
// decode of the buffer its consumers read (typed.ts, rememberChecked): none of them parses the bytes.

const allExamples = Object.values(exampleEvents) as StarboardEvent[];
/** The types whose data holds a value the checks pass through unchanged (z.unknown()). */
const sharingTypes = ["demand.taxonomy-saved", "qa.rule-saved"];

describe("an in-process consumer's decode of a record publishEvents wrote", () => {
  let dataDir: string;
  let log: InProcessEventLog;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "starboard-checked-decode-"));
    log = new InProcessEventLog({ dataDir, pollIntervalMs: 20 });
    await log.ensureTopics(standardTopics(4));
  });

  afterEach(async () => {
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function published(events: readonly StarboardEvent[]): Promise<LogRecord[]> {
    // Read while published, as the platform's consumers are (see the test of a late reader).
    const reader = await collect(log, {
      groupId: "checked-decode",
      topics: [Topics.events, Topics.commands],
    });
    await publishEvents(log, events);
    await reader.waitFor(events.length);
    await reader.subscription.stop();
    return reader.records;
  }

  it("is, for every example event, exactly what a parse of the record's bytes gives (a Kafka consumer's decode)", async () => {
    // With an optional key given as undefined too: that event is parsed by its consumers.
    const example = exampleEvents["qa.flag-reviewed"];
    const events = [...allExamples, { ...example, data: { ...example.data, note: undefined } }];
    const records = await published(events);
    expect(records).toHaveLength(events.length);
    for (const record of records) {
      const parsed = parseEventJson(record.value);
      expect(parsed.ok).toBe(true);
      expect(decodeEventRecord(record)).toStrictEqual(parsed);
    }
  });

  it("is the publisher's checked event, not a parse: bytes changed after the append do not reach it", async () => {
    const ownCopies = allExamples.filter((event) => !sharingTypes.includes(event.type));
    const records = await published(ownCopies);
    for (const record of records) {
      const parsed = parseEventJson(record.value);
      // Spaces are no JSON value: a parse of these bytes would fail.
      record.value.fill(0x20);
      expect(decodeEventRecord(record)).toStrictEqual(parsed);
    }
  });

  it("is a parse for records appended while no group read their topic (nothing kept for them meanwhile)", async () => {
    const event = exampleEvents["contact.queued"];
    await publishEvents(log, [event]);
    const reader = await collect(log, { groupId: "late-reader", topics: [Topics.events] });
    await reader.waitFor(1);
    await reader.subscription.stop();
    const [record] = reader.records;
    if (record === undefined) throw new Error("the event must be read");
    record.value.fill(0x20);
    expect(decodeEventRecord(record).ok).toBe(false);
  });

  it("is the same for events checked for publish first (checkEventForPublish) as for the events themselves", async () => {
    const checked = allExamples.map((event) => {
      const result = checkEventForPublish(structuredClone(event));
      if (!result.ok) throw new Error(`${event.type} must pass its checks`);
      return result.event;
    });
    const records = await published(checked);
    const byId = new Map(allExamples.map((event) => [event.id, event]));
    for (const record of records) {
      const decoded = decodeEventRecord(record);
      expect(decoded).toStrictEqual(parseEventJson(record.value));
      if (!decoded.ok) throw new Error("a published event must decode");
      expect(decoded.event).toEqual(byId.get(decoded.event.id));
    }
  });

  it("is a parse for a type whose checks keep the producer's objects: changing them later changes nothing seen", async () => {
    const rule = { ...exampleEvents["qa.rule-saved"].data.rule, phrases: ["保证退款"] };
    const event: StarboardEvent = {
      ...exampleEvents["qa.rule-saved"],
      data: { ...exampleEvents["qa.rule-saved"].data, rule },
    };
    const [record] = await published([event]);
    rule.phrases.push("一定给您退");
    const decoded = record === undefined ? undefined : decodeEventRecord(record);
    expect(decoded?.ok && decoded.event.data).toMatchObject({ rule: { phrases: ["保证退款"] } });
  });
});

describe("checkedEventIsOwnCopy and checkedEventStandsForBytes", () => {
  it("is false exactly for the types whose data holds an unknown value", () => {
    const sharing = allExamples.filter((event) => !checkedEventIsOwnCopy(event)).map((event) => event.type);
    expect(sharing.sort()).toEqual(sharingTypes);
  });

  it("holds, for every example of a type it is true for, no object of the event it was checked from", () => {
    const objectsOf = (value: unknown, into = new Set<object>()): Set<object> => {
      if (typeof value === "object" && value !== null) {
        into.add(value);
        for (const child of Object.values(value)) objectsOf(child, into);
      }
      return into;
    };
    for (const example of allExamples.filter(checkedEventIsOwnCopy)) {
      const input = structuredClone(example);
      const checked = validateEvent(input);
      if (!checked.ok) throw new Error(`${example.type} must pass its checks`);
      const given = objectsOf(input);
      expect([...objectsOf(checked.event)].filter((o) => given.has(o))).toEqual([]);
    }
  });

  const reviewed = exampleEvents["qa.flag-reviewed"];
  const { note: _note, ...withoutNote } = reviewed.data;
  it.each([
    ["an optional key given as undefined", { ...withoutNote, note: undefined }, false],
    ["an optional key left out", withoutNote, true],
    ["an optional key given a value", { ...withoutNote, note: "agreed" }, true],
  ])("a checked event with %s stands for its bytes: %s", (_what, data, stands) => {
    const checked = validateEvent({ ...reviewed, data });
    if (!checked.ok) throw new Error("the fixture must pass its checks");
    expect(checkedEventStandsForBytes(checked.event)).toBe(stands);
  });

  it("is false for a type or version the catalog does not know", () => {
    expect(checkedEventIsOwnCopy({ type: "contact.queued", version: 99 } as never)).toBe(false);
    expect(checkedEventIsOwnCopy({ type: "contact.teleported", version: 1 } as never)).toBe(false);
  });
});

describe("checkEventForPublish", () => {
  const isFrozenThrough = (value: unknown): boolean =>
    typeof value !== "object" ||
    value === null ||
    (Object.isFrozen(value) && Object.values(value).every(isFrozenThrough));

  it("returns the checked event frozen through, so it is still what was checked when publishEvents takes it", () => {
    const example = exampleEvents["bot.handoff"];
    const checked = checkEventForPublish(structuredClone(example));
    if (!checked.ok) throw new Error("the fixture must pass its checks");
    expect(checked.event).toEqual(example);
    expect(isFrozenThrough(checked.event)).toBe(true);
  });

  it("leaves a type whose checks keep the producer's objects unfrozen: those are the producer's", () => {
    const example = structuredClone(exampleEvents["qa.rule-saved"]);
    const checked = checkEventForPublish(example);
    expect(checked.ok).toBe(true);
    expect(Object.isFrozen(example.data.rule)).toBe(false);
  });

  it("refuses what publishEvents would refuse, with the same path and reason", () => {
    const bad = { ...exampleEvents["contact.queued"], data: { queueId: "" } } as unknown as StarboardEvent;
    expect(checkEventForPublish(bad)).toStrictEqual(validateEvent(bad));
    expect(checkEventForPublish(bad).ok).toBe(false);
  });
});
