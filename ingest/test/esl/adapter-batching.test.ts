import type { EventLog } from "@starboard/core";
import { afterEach, expect, it } from "vitest";
import { EslAdapter } from "../../src/esl/adapter";
import { CallScenario, EslEmulator } from "../../src/esl/emulator/index";
import { readEvents, tempLog } from "./log-helpers";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it("publishes a burst from the switch in a few durable writes, every call's events in order", async () => {
  const emulator = new EslEmulator({ password: "ClueCon", startMicros: Date.now() * 1000 });
  const port = await emulator.listen(0);
  const { log, dispose } = await tempLog();
  let writes = 0;
  const counted: EventLog = Object.assign(Object.create(log) as EventLog, {
    publish: (topic: string, records: Parameters<EventLog["publish"]>[1]) => {
      writes += 1;
      return log.publish(topic, records);
    },
  });
  const adapter = new EslAdapter({
    host: "127.0.0.1",
    port,
    password: "ClueCon",
    log: counted,
    mapper: { source: "esl:test" },
  });
  cleanups.push(
    dispose,
    () => emulator.close(),
    () => adapter.stop(),
  );
  await adapter.start();
  const before = writes;
  const calls = Array.from({ length: 200 }, (_, i) =>
    new CallScenario(emulator.fs, { from: `+86138000${String(i).padStart(5, "0")}`, to: "4001" })
      .answer()
      .enqueue("support@default")
      .abandon(),
  );
  await new Promise((r) => setTimeout(r, 200));
  await adapter.idle();
  const published = adapter.counters.published;
  expect(published).toBeGreaterThanOrEqual(600);
  // One write per frame would be hundreds; batches while the previous write commits are far fewer.
  expect(writes - before).toBeLessThan(published / 5);
  const events = await readEvents(log);
  for (const call of calls) {
    const types = events.filter((e) => e.contactId === call.caller.uuid).map((e) => e.type);
    expect(types.indexOf("contact.created")).toBeLessThan(types.indexOf("contact.queued"));
    expect(types.indexOf("contact.queued")).toBeLessThan(types.indexOf("contact.abandoned"));
  }
});
