import { Topics } from "../events/topics";
import { KafkaEventLog } from "./kafka/kafka-log";
import { InProcessEventLog, type LogFault } from "./sqlite/in-process-log";
import type { EventLog, TopicSpec } from "./types";

export interface EventLogConfig {
  /** STARBOARD_KAFKA_BROKERS split on commas; empty or absent means the embedded log. */
  kafkaBrokers?: readonly string[];
  /** STARBOARD_DATA_DIR for the embedded log. */
  dataDir: string;
  partitions?: number;
  /** Where the embedded log reports a stopped consumer or a failed checkpoint worker (default stderr). */
  onFault?: (fault: LogFault) => void;
}

/** The platform's topics. Events are keyed by contact, so 8 partitions spread contacts across consumers. */
export function standardTopics(partitions = 8): TopicSpec[] {
  return [
    { name: Topics.events, partitions },
    { name: Topics.commands, partitions },
    { name: Topics.deadLetter, partitions: 4 },
    // Small and read whole by every process that recognizes customers: one partition keeps it in order.
    { name: Topics.customers, partitions: 1, compact: true },
  ];
}

/** Kafka when brokers are configured, otherwise the embedded log in the data directory; topics created. */
export async function openEventLog(config: EventLogConfig): Promise<EventLog> {
  const brokers = (config.kafkaBrokers ?? []).filter((b) => b.trim() !== "");
  const log: EventLog =
    brokers.length > 0
      ? new KafkaEventLog({ brokers })
      : new InProcessEventLog({
          dataDir: config.dataDir,
          ...(config.onFault === undefined ? {} : { onFault: config.onFault }),
        });
  await log.ensureTopics(standardTopics(config.partitions));
  return log;
}
