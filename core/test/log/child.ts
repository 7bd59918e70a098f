// A log client run as its own process by the contract suite, so that kill -9 is real.
// publish <topic> <count>: publishes in batches, printing "acked <key> <partition> <offset>" once each batch is acknowledged.
// consume <topic> <group> <batchesBeforeHang>: prints "got <partition> <offset>" per record, then hangs inside the handler.

import { KafkaEventLog } from "../../src/log/kafka/kafka-log";
import { InProcessEventLog } from "../../src/log/sqlite/in-process-log";
import type { EventLog } from "../../src/log/types";

function openLog(): EventLog {
  const brokers = process.env.STARBOARD_KAFKA_BROKERS;
  if (brokers !== undefined && brokers !== "") return new KafkaEventLog({ brokers: brokers.split(",") });
  const dataDir = process.env.STARBOARD_DATA_DIR;
  if (dataDir === undefined) throw new Error("STARBOARD_DATA_DIR or STARBOARD_KAFKA_BROKERS must be set");
  return new InProcessEventLog({ dataDir });
}

const write = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const [mode, topic, third, fourth] = process.argv.slice(2);
  if (topic === undefined) throw new Error("usage: child.ts publish|consume <topic> ...");
  const log = openLog();
  if (mode === "publish") {
    const count = Number(third);
    write("ready");
    for (let sent = 0; sent < count; sent += 50) {
      const records = Array.from({ length: Math.min(50, count - sent) }, (_, i) => ({
        key: `key-${(sent + i) % 17}`,
        value: `value-${sent + i}`,
      }));
      const acks = await log.publish(topic, records);
      acks.forEach((ack, i) => {
        write(`acked ${records[i]?.key} ${ack.partition} ${ack.offset} ${records[i]?.value}`);
      });
    }
    write("published");
    await new Promise(() => {});
  }
  if (mode === "consume") {
    const group = third ?? "child";
    let batchesLeft = Number(fourth);
    await log.subscribe({
      groupId: group,
      topics: [topic],
      maxBatchSize: 10,
      handler: async (batch) => {
        if (batchesLeft <= 0) {
          write(`hung ${batch.partition} ${batch.records[0]?.offset}`);
          await new Promise(() => {});
        }
        batchesLeft--;
        for (const r of batch.records) write(`got ${r.partition} ${r.offset}`);
      },
    });
    write("ready");
    await new Promise(() => {});
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
