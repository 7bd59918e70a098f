import {
  decodeEventRecord,
  type EventLog,
  publishEvents,
  type RoutingConfig,
  RoutingEngine,
  type StarboardEvent,
  type Subscription,
  Topics,
} from "@starboard/core";
import { createChatGateway } from "../../src/chat/index";
import { EslAdapter } from "../../src/esl/adapter";
import { EslCommandExecutor } from "../../src/esl/commands/index";
import { EslEmulator } from "../../src/esl/emulator/index";
import { createTicketGateway } from "../../src/tickets/index";
import { tempLog } from "../esl/log-helpers";

/**
 * A minimal router service: the routing engine over the events topic, its outputs published back
 * (commands land on the commands topic). What `starboard start` runs, reduced to one loop.
 */
export async function routerLoop(
  log: EventLog,
  config: RoutingConfig,
): Promise<{ engine: RoutingEngine; sub: Subscription }> {
  const engine = new RoutingEngine(config);
  const sub = await log.subscribe({
    groupId: "router-test",
    topics: [Topics.events],
    startAt: "earliest",
    handler: async (batch) => {
      const outputs = [];
      for (const record of batch.records) {
        const decoded = decodeEventRecord(record);
        if (decoded.ok) outputs.push(...engine.handle(decoded.event));
      }
      if (outputs.length > 0) await publishEvents(log, outputs);
    },
  });
  return { engine, sub };
}

export const secret = "sim-secret";

/** Emulator (switch clock at the wall clock), ESL adapter over TCP, both gateways over HTTP, a temp log. */
export async function platform() {
  const emulator = new EslEmulator({ startMicros: Date.now() * 1000 });
  const port = await emulator.listen(0);
  const { log, dispose } = await tempLog();
  const adapter = new EslAdapter({
    host: "127.0.0.1",
    port,
    password: "ClueCon",
    log,
    mapper: { source: "esl:emulator" },
    backoff: { initialMs: 20, maxMs: 200 },
  });
  await adapter.start();
  const chat = createChatGateway({ log, secrets: [secret] });
  const tickets = createTicketGateway({ log, secrets: [secret] });
  const chatPort = await chat.listen(0);
  const ticketPort = await tickets.listen(0);
  const chatUrl = `http://127.0.0.1:${chatPort}/chat/events`;
  const ticketsUrl = `http://127.0.0.1:${ticketPort}/tickets/events`;
  return {
    emulator,
    log,
    adapter,
    chatUrl,
    chatStreamUrl: `ws://127.0.0.1:${chatPort}/chat/stream`,
    ticketsUrl,
    /** What startSimulator needs of this platform: its log, switch and gateways. */
    sources: { log, fs: emulator.fs, chatUrl, ticketsUrl, webhookSecret: secret },
    // Commands carry simulated time, so their maximum age is simulated too (60 s at speed 1).
    executor: (now: () => number, speed: number) =>
      new EslCommandExecutor({
        log,
        fs: adapter,
        source: "esl:emulator",
        now: () => new Date(now()),
        maxAgeMs: 60_000 * speed,
      }),
    async close() {
      await adapter.stop();
      await chat.close();
      await tickets.close();
      await emulator.close();
      await dispose();
    },
  };
}

/** Every event on the events and commands topics, read by a fresh group from the beginning. */
export async function readAll(log: EventLog, settleMs = 400): Promise<StarboardEvent[]> {
  const events: StarboardEvent[] = [];
  const sub = await log.subscribe({
    groupId: `reader-${Math.random()}`,
    topics: [Topics.events, Topics.commands],
    startAt: "earliest",
    handler: async (batch) => {
      for (const record of batch.records) {
        const decoded = decodeEventRecord(record);
        if (decoded.ok) events.push(decoded.event);
      }
    },
  });
  await new Promise((r) => setTimeout(r, settleMs));
  await sub.stop();
  return events;
}
