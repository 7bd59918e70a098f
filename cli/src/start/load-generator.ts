// `--simulator load` with the emulated switch: the FreeSWITCH emulator and the simulator run in a
// worker thread (load-worker.ts), as the outside world they stand for would run on other machines,
// so the platform's event loop carries only the platform. Their traffic still arrives through the
// real ingest paths (ESL over TCP, the chat stream, the ticket webhook); this file starts the worker,
// lends it the log (log-port.ts) and gives the rest of `starboard start` the same Simulator handle
// an in-process simulator has.

import { MessageChannel, Worker } from "node:worker_threads";
import type { EventLog } from "@starboard/core";
import type { Simulator, SimulatorStats } from "@starboard/ingest";
import type { FromWorker, LoadWorkerData, SimulateOptions, ToWorker } from "./load-worker";
import { serveLog } from "./log-port";
import { noThreadMemory, type ThreadMemory } from "./thread-memory";

export interface LoadGenerator {
  /** The emulated switch's port on 127.0.0.1 (the ESL adapter connects to it like to a real switch). */
  eslPort: number;
  /** Starts the simulator in the worker; its stop() stops it there. */
  simulate(options: SimulateOptions): Promise<Simulator>;
  /** The generator thread's own V8 heap, as of its latest stats message (every 200 ms while simulating). */
  memory(): ThreadMemory;
  /** Switch event bytes written to the ESL adapter's connection that the kernel has not taken yet. */
  switchBuffered(): number;
  /** Closes the switch and ends the thread. */
  stop(): Promise<void>;
}

const noStats: SimulatorStats = {
  contacts: 0,
  calls: 0,
  chats: 0,
  tickets: 0,
  events: 0,
  switchEvents: 0,
  scheduled: 0,
  inFlight: 0,
  errors: 0,
  lastError: undefined,
};

export async function startLoadGenerator(options: {
  log: EventLog;
  password: string;
}): Promise<LoadGenerator> {
  const channel = new MessageChannel();
  const stopServing = serveLog(channel.port1, options.log);
  const nowCell = new SharedArrayBuffer(8);
  const now = new BigInt64Array(nowCell);
  const data: LoadWorkerData = {
    logPort: channel.port2,
    logKind: options.log.kind,
    password: options.password,
    // The emulated clock starts at now, so its calls land in today's reports.
    startMicros: Date.now() * 1000,
    now: nowCell,
  };
  const worker = new Worker(new URL("./load-worker-boot.mjs", import.meta.url), {
    workerData: data,
    transferList: [channel.port2],
  });
  let stats = noStats;
  let memory = noThreadMemory;
  let switchBuffered = 0;
  let failure: string | undefined;
  const waiters: { op: FromWorker["op"]; resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] =
    [];
  const fail = (why: string) => {
    failure = why;
    for (const w of waiters.splice(0)) w.reject(new Error(`load generator: ${why}`));
  };
  worker.on("message", (m: FromWorker) => {
    if (m.op === "stats") {
      stats = m.stats;
      memory = m.memory;
      switchBuffered = m.switchBuffered;
    } else if (m.op === "error") fail(m.message);
    else
      for (const w of waiters.filter((x) => x.op === m.op)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
  });
  worker.on("error", (e) => fail(e.message));
  worker.on("exit", (code) => fail(`worker exited (code ${code})`));
  const next = (op: FromWorker["op"]) =>
    new Promise<FromWorker>((resolve, reject) => {
      if (failure !== undefined) reject(new Error(`load generator: ${failure}`));
      else waiters.push({ op, resolve, reject });
    });
  const tell = (m: ToWorker) => worker.postMessage(m);
  let listening: FromWorker;
  try {
    listening = await next("listening");
  } catch (error) {
    await stopServing();
    await worker.terminate();
    throw error;
  }
  const eslPort = listening.op === "listening" ? listening.port : 0;
  return {
    eslPort,
    memory: () => memory,
    switchBuffered: () => switchBuffered,
    async simulate(simulateOptions) {
      const started = next("simulating");
      tell({ op: "simulate", options: simulateOptions });
      await started;
      return {
        get stats() {
          return failure === undefined ? stats : { ...stats, errors: stats.errors + 1, lastError: failure };
        },
        now: () => Number(Atomics.load(now, 0)),
        async stop() {
          const stopped = next("simulator-stopped");
          tell({ op: "stop-simulator" });
          await stopped;
        },
      };
    },
    async stop() {
      if (failure === undefined) {
        const closed = next("closed");
        tell({ op: "close" });
        await closed.catch(() => {});
      }
      await stopServing();
      await worker.terminate();
    },
  };
}
