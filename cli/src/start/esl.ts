// Telephony: the ESL adapter (FreeSWITCH -> log) and the command executor (commands topic ->
// FreeSWITCH). With no STARBOARD_ESL_HOST in embedded mode, an in-process FreeSWITCH emulator on a
// free port stands in, reached over real TCP like a switch would be.

import type { EventLog, RecognizeCustomer } from "@starboard/core";
import { EslAdapter, EslClient, EslCommandExecutor, EslEmulator, type FsSwitch } from "@starboard/ingest";

export interface Telephony {
  /** host:port the adapter is connected to. */
  address: string;
  /** The emulated switch, when one was started (the simulator plays calls on it). */
  fs: FsSwitch | undefined;
  adapter: EslAdapter;
  executor: EslCommandExecutor;
  stop(): Promise<void>;
}

export interface TelephonyOptions {
  log: EventLog;
  host: string | undefined;
  port: number;
  password: string;
  /** The clock commands are judged by; the simulator swaps in simulated time once it runs. */
  clock: { now: () => number };
  /** A command older than this is refused (60 s, times the simulator's speed). */
  maxAgeMs: number;
  /** Caller recognition (the customer directory). */
  recognize?: RecognizeCustomer | undefined;
}

export async function startTelephony(options: TelephonyOptions): Promise<Telephony> {
  let emulator: EslEmulator | undefined;
  let host = options.host;
  let port = options.port;
  if (host === undefined) {
    // The emulated clock starts at now, so its calls land in today's reports.
    emulator = new EslEmulator({ password: options.password, startMicros: Date.now() * 1000 });
    host = "127.0.0.1";
    port = await emulator.listen(0, host);
  }
  const settings = { host, port, password: options.password };
  // The adapter retries a refused connection forever (right for a switch that restarts, wrong for a
  // typo): one probe first, so a bad address or password fails the start with the reason.
  try {
    (await EslClient.connect(settings)).close();
  } catch (error) {
    await emulator?.close();
    const why = error instanceof Error ? error.message : String(error);
    const hint = /auth/i.test(why) ? " (check STARBOARD_ESL_PASSWORD)" : " (check STARBOARD_ESL_HOST/PORT)";
    throw new Error(`FreeSWITCH at ${host}:${port}: ${why}${hint}`);
  }
  const adapter = new EslAdapter({
    log: options.log,
    ...settings,
    ...(options.recognize === undefined ? {} : { mapper: { recognize: options.recognize } }),
  });
  const executor = new EslCommandExecutor({
    log: options.log,
    fs: adapter,
    now: () => new Date(options.clock.now()),
    maxAgeMs: options.maxAgeMs,
  });
  try {
    await adapter.start();
    await executor.start();
  } catch (error) {
    await adapter.stop();
    await emulator?.close();
    throw error;
  }
  return {
    address: `${host}:${port}`,
    fs: emulator?.fs,
    adapter,
    executor,
    stop: async () => {
      await executor.stop();
      await adapter.stop();
      await emulator?.close();
    },
  };
}
