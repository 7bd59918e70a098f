import { KafkaEventLog } from "../../src/log/index";
import { eventLogContract } from "../log/contract";

// Runs against the real broker that .ci/run starts with infra/kafka; a missing broker fails, never skips.
const brokers = (process.env.STARBOARD_KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");

eventLogContract("Apache Kafka (kafkajs)", async () => ({
  open: async () => new KafkaEventLog({ brokers, clientId: "starboard-contract" }),
  childEnv: () => ({ STARBOARD_KAFKA_BROKERS: brokers.join(",") }),
  cleanup: async () => {},
  settleMs: 3_000,
}));
