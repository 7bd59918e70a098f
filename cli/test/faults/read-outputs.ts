// Everything the router published (decisions on the events topic, commands on the commands topic),
// read back from the beginning of both topics.

import { type EventLog, Topics } from "@starboard/core";

export interface RouterOutputs {
  /** Output id -> its type and content, without the append-time details. */
  outputs: Map<string, string>;
  /** Records whose id was already seen: outputs published twice. */
  duplicates: number;
  /** Router records read, duplicates included. */
  records: number;
}

export async function readRouterOutputs(log: EventLog): Promise<RouterOutputs> {
  const outputs = new Map<string, string>();
  let duplicates = 0;
  let records = 0;
  for (const topic of [Topics.events, Topics.commands]) {
    const ends = await log.endOffsets(topic);
    const want = [...ends.values()].reduce((a, b) => a + b, 0);
    let seen = 0;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    if (want === 0) done();
    const reader = await log.subscribe({
      groupId: `fault-reader-${topic}-${Date.now()}`,
      topics: [topic],
      startAt: "earliest",
      handler: async (batch) => {
        for (const record of batch.records) {
          seen += 1;
          const event = JSON.parse(record.value.toString("utf8")) as { id: string; source: string };
          if (event.source !== "router") continue;
          records += 1;
          if (outputs.has(event.id)) duplicates += 1;
          else outputs.set(event.id, JSON.stringify(event));
        }
        if (seen >= want) done();
      },
    });
    await finished;
    await reader.stop();
  }
  return { outputs, duplicates, records };
}
