import { ConfigResourceTypes, Kafka, logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { CustomerDirectory, followCustomers, publishCustomers } from "../../src/customers/index";
import { Topics } from "../../src/events/topics";
import { KafkaEventLog, standardTopics } from "../../src/log/index";

// The customer directory on the real broker: its topic is created compacted (Kafka keeps the latest
// record per customer forever), and a process rebuilds the directory from it and follows changes.
const brokers = (process.env.STARBOARD_KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");

describe("the customer directory topic on Kafka", () => {
  it("is created with cleanup.policy=compact and feeds the directory, tombstones included", async () => {
    const log = new KafkaEventLog({ brokers, clientId: "starboard-customers-test" });
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await log.ensureTopics(standardTopics(2));
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: Topics.customers, configNames: ["cleanup.policy"] },
        ],
      });
      expect(described.resources[0]?.configEntries[0]?.configValue).toBe("compact");

      // Ids unique to this run: the shared broker keeps earlier runs' customers.
      const run = Date.now().toString(36);
      const id = `c-${run}`;
      const phone = `+1415${String(Date.now()).slice(-7)}`;
      await publishCustomers(log, [{ id, phones: [phone], identities: [], tier: "vip", tags: [] }]);
      await publishCustomers(log, [{ id: `gone-${run}`, phones: [], identities: [`v-${run}`], tags: [] }]);
      await publishCustomers(log, [], [`gone-${run}`]);

      const directory = new CustomerDirectory();
      const followed = await followCustomers(log, directory, `customers-test-${run}`);
      await followed.caughtUp;
      expect(directory.recognize(phone)?.id).toBe(id);
      expect(directory.byId(`gone-${run}`)).toBeUndefined();

      await publishCustomers(log, [{ id, phones: [phone], identities: [], tier: "new", tags: [] }]);
      await expect.poll(() => directory.recognize(phone)?.tier, { timeout: 20_000 }).toBe("new");
      await followed.subscription.stop();
    } finally {
      await admin.disconnect();
      await log.close();
    }
  }, 60_000);
});
