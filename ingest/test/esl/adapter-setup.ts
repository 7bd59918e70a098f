import { afterEach } from "vitest";
import { EslAdapter } from "../../src/esl/adapter";
import { EslEmulator } from "../../src/esl/emulator/index";
import { tempLog } from "./log-helpers";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An emulator on a free port, an in-process log, and an adapter connected (and resynced) to it. */
export async function setup() {
  const emulator = new EslEmulator({ password: "ClueCon" });
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
  cleanups.push(
    dispose,
    () => emulator.close(),
    () => adapter.stop(),
  );
  await adapter.start();
  return { emulator, fs: emulator.fs, log, adapter };
}

export const lifecycle = (events: { type: string; contactId?: string; agentId?: string }[]) =>
  events.map((e) => `${e.type}${e.agentId ? `/${e.agentId}` : ""}`);
