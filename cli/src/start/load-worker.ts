// The load generator's thread (`--simulator load`): the emulated FreeSWITCH and the simulator stand in
// for the outside world (a switch, a chat platform, a ticketing system are other machines), so they
// get their own event loop instead of sharing the platform's. What they send still takes the real
// ingest paths into the platform's thread: switch events over TCP to the ESL adapter, chats over the
// chat gateway's WebSocket stream, tickets as signed webhooks. The simulator's direct publishes
// (agent desktop, ASR, surveys) and its two watches on the log go through the main thread's log
// over a MessagePort (log-port.ts). Started by load-generator.ts, never imported by the main thread.

import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { EventLog } from "@starboard/core";
import { EslEmulator, type Simulator, type SimulatorProfile, startSimulator } from "@starboard/ingest";
import { PortLog } from "./log-port";
import { type ThreadMemory, watchThreadMemory } from "./thread-memory";

export interface LoadWorkerData {
  logPort: MessagePort;
  logKind: EventLog["kind"];
  password: string;
  /** The emulated switch's clock at start (µs since the epoch). */
  startMicros: number;
  /** One BigInt64 cell: the simulator's now (ms), for the command executor in the main thread. */
  now: SharedArrayBuffer;
}

export interface SimulateOptions {
  profile: SimulatorProfile;
  chatUrl: string;
  chatStreamUrl: string | undefined;
  ticketsUrl: string;
  webhookSecret: string;
  mode: "on" | "load";
  speed: number;
  seed: number;
  notBefore?: number;
}

export type ToWorker =
  | { op: "simulate"; options: SimulateOptions }
  | { op: "stop-simulator" }
  | { op: "close" };

export type FromWorker =
  | { op: "listening"; port: number }
  | { op: "simulating" }
  | { op: "simulator-stopped" }
  | { op: "closed" }
  | { op: "stats"; stats: Simulator["stats"]; memory: ThreadMemory; switchBuffered: number }
  | { op: "error"; message: string };

/** The consumer groups the simulator subscribes with, and the only event types their handlers read. */
const watched = {
  "simulator-chat": ["command.assign-chat"],
  "simulator-desktop": ["agent.not-ready"],
} as const;

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error("load-worker.ts runs as a worker thread (see load-generator.ts)");
  const data = workerData as LoadWorkerData;
  const send = (m: FromWorker) => port.postMessage(m);
  const log = new PortLog(data.logPort, data.logKind, watched);
  const now = new BigInt64Array(data.now);
  const emulator = new EslEmulator({ password: data.password, startMicros: data.startMicros });
  send({ op: "listening", port: await emulator.listen(0, "127.0.0.1") });
  let sim: Simulator | undefined;
  let timer: NodeJS.Timeout | undefined;
  let statsTimer: NodeJS.Timeout | undefined;
  const memory = watchThreadMemory();
  const tell = () =>
    sim !== undefined &&
    send({ op: "stats", stats: sim.stats, memory: memory.read(), switchBuffered: emulator.buffered });
  port.on("message", (m: ToWorker) => {
    const run = async () => {
      if (m.op === "simulate") {
        sim = await startSimulator({ ...m.options, log, fs: emulator.fs, ...chatStream(m.options) });
        const running = sim;
        // Simulated now every 5 ms (the simulator's own tick): commands are stamped with it.
        timer = setInterval(() => {
          Atomics.store(now, 0, BigInt(Math.round(running.now())));
        }, 5);
        Atomics.store(now, 0, BigInt(Math.round(running.now())));
        statsTimer = setInterval(tell, 200);
        send({ op: "simulating" });
      } else if (m.op === "stop-simulator") {
        clearInterval(timer);
        clearInterval(statsTimer);
        await sim?.stop();
        tell();
        send({ op: "simulator-stopped" });
      } else {
        await emulator.close();
        await log.close();
        memory.stop();
        send({ op: "closed" });
        port.close();
      }
    };
    run().catch((error: unknown) =>
      send({ op: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  });
}

function chatStream(options: SimulateOptions): { chatStreamUrl?: string } {
  return options.chatStreamUrl === undefined ? {} : { chatStreamUrl: options.chatStreamUrl };
}

main().catch((error: unknown) => {
  parentPort?.postMessage({
    op: "error",
    message: error instanceof Error ? error.message : String(error),
  } satisfies FromWorker);
});
