import { openEventLog, Topics } from "@starboard/core";
import { afterAll, describe, expect, it } from "vitest";
import { defaults, type StarboardConfig } from "../../src/config/index";
import { type Platform, startPlatform } from "../../src/start/platform";
import { captureIo, tempDir, until } from "../start/helpers";

// `starboard start` on a real Apache Kafka broker (infra/kafka; `.ci/run` starts it and runs this
// with `npm run test:kafka`): the same demo, with every event going through the broker.

const brokers = (process.env.STARBOARD_KAFKA_BROKERS ?? "").split(",").filter((b) => b !== "");
const data = tempDir("starboard-kafka-start-");
const adminKey = "kafka-test-admin-key-0123";
let platform: Platform | undefined;
afterAll(async () => {
  await platform?.stop();
  data.remove();
});

function config(): StarboardConfig {
  const base = defaults();
  return {
    ...base,
    dataDir: data.dir,
    kafkaBrokers: brokers,
    apiKeys: [{ key: adminKey, role: "admin" }],
    services: ["esl", "chat", "tickets", "simulator", "router", "sink", "graphql"],
    ports: { ...base.ports, chat: 0, tickets: 0, graphql: 0 },
    simulator: { mode: "on", speed: 20, seed: 11 },
  };
}

const total = (offsets: Map<number, number>) => [...offsets.values()].reduce((a, b) => a + b, 0);

describe("starboard start on Kafka", () => {
  it("needs the broker: STARBOARD_KAFKA_BROKERS names it", () => {
    expect(
      brokers.length,
      "run with STARBOARD_KAFKA_BROKERS=127.0.0.1:9092 (bash infra/kafka/kafka.sh start)",
    ).toBeGreaterThan(0);
  });

  it("runs the demo with every event through the broker into the warehouse and the API", async () => {
    // Counted from before the start: the simulator's warm start (a busy centre's first contacts,
    // whatever the time of day) is published while the platform is still starting.
    const probe = await openEventLog({ kafkaBrokers: brokers, dataDir: data.dir });
    const before = {
      events: total(await probe.endOffsets(Topics.events)),
      commands: total(await probe.endOffsets(Topics.commands)),
    };
    await probe.close();
    const io = captureIo();
    platform = await startPlatform(config(), io);
    expect(platform.log.kind).toBe("kafka");
    // Calls from the emulated switch, routed by the router (commands), written by the sink: all via Kafka.
    const now = { events: 0, commands: 0 };
    await until(
      "events and router commands on the broker",
      async () => {
        const p = platform as Platform;
        now.events = total(await p.log.endOffsets(Topics.events)) - before.events;
        now.commands = total(await p.log.endOffsets(Topics.commands)) - before.commands;
        return now.events > 20 && now.commands > 0;
      },
      90_000,
      () => `${now.events} events and ${now.commands} commands since the start; ${io.lines.join(" | ")}`,
    );
    const warehouse = platform.warehouse;
    if (warehouse === undefined) throw new Error("the platform opened no warehouse");
    await until(
      "the sink's rows from the broker",
      async () => {
        const rows = await warehouse.query<{ n: number | string }>(
          "SELECT count() AS n FROM raw_events WHERE log_topic = {topic:String} AND (source = 'esl' OR source LIKE 'esl:%')",
          { topic: Topics.events },
        );
        return Number(rows[0]?.n ?? 0) > 0;
      },
      60_000,
    );
    const url = platform.graphqlUrl;
    if (url === undefined) throw new Error("no GraphQL URL");
    await until(
      "handled contacts in the API's queues",
      async () => {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}` },
          body: JSON.stringify({ query: "{ queues { id counts { handled } } }" }),
        });
        const body = (await res.json()) as { data?: { queues: { counts: { handled: number } }[] } };
        return (body.data?.queues ?? []).some((q) => q.counts.handled > 0);
      },
      60_000,
    );
  }, 240_000);
});
