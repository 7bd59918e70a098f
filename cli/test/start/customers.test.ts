import { type ContactCreatedData, publishCustomers, Topics } from "@starboard/core";
import { EslEmulator } from "@starboard/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaults, type StarboardConfig } from "../../src/config/index";
import { startPlatform } from "../../src/start/platform";
import { captureIo, collect, tempDir, until } from "./helpers";

// Caller recognition through `starboard start`: the config's customers and a CRM update published
// on the starboard.customers topic while running, both seen on calls from a FreeSWITCH over TCP
// (the emulator), with the customer on the events themselves.
const switchboard = new EslEmulator({ password: "pw" });
let port = 0;
const data = tempDir("starboard-customers-");
beforeAll(async () => {
  port = await switchboard.listen(0);
});
afterAll(async () => {
  await switchboard.close();
  data.remove();
});

function config(): StarboardConfig {
  const base = defaults();
  return {
    ...base,
    dataDir: data.dir,
    esl: { host: "127.0.0.1", port, password: "pw" },
    services: ["esl"],
    simulator: { ...base.simulator, mode: "off" },
    customers: [{ id: "c-vip", phones: ["+8613800138000"], identities: [], tier: "vip", tags: ["repeat"] }],
  };
}

describe("customer recognition in starboard start", () => {
  it("puts the config's and the topic's customers on calls, and follows changes while running", async () => {
    const platform = await startPlatform(config(), captureIo());
    const events = await collect(platform.log, Topics.events, "customers-test-reader");
    try {
      expect(platform.customers?.size).toBe(1);
      await publishCustomers(platform.log, [
        { id: "c-new", phones: ["+14155550100"], identities: [], tier: "new", tags: [] },
      ]);
      await until("the published customer", () => platform.customers?.byId("c-new") !== undefined);

      const calls = [
        switchboard.fs.createChannel({
          direction: "inbound",
          cidNumber: "+86 138 0013 8000",
          destination: "4001",
        }),
        switchboard.fs.createChannel({
          direction: "inbound",
          cidNumber: "+1 415 555 0100",
          destination: "4001",
        }),
        switchboard.fs.createChannel({ direction: "inbound", cidNumber: "+4930123456", destination: "4001" }),
      ];
      const created = () =>
        events.seen.flatMap((e) => (e.type === "contact.created" ? [[e.contactId, e.data] as const] : []));
      await until("three contacts", () => created().length === 3);
      const customerOf = (uuid: string): Partial<ContactCreatedData> | undefined =>
        created().find(([id]) => id === uuid)?.[1];
      expect(customerOf(calls[0]?.uuid ?? "")).toMatchObject({ customerId: "c-vip", customerTier: "vip" });
      expect(customerOf(calls[1]?.uuid ?? "")).toMatchObject({ customerId: "c-new", customerTier: "new" });
      expect(customerOf(calls[2]?.uuid ?? "")?.customerId).toBeUndefined();
    } finally {
      await events.stop();
      await platform.stop();
    }
  });
});
