// Measures the simulator on the real ingest paths end to end in one process: emulator + ESL
// adapter over TCP, both gateways over HTTP, a router loop and the command executor, an embedded
// log in a temp dir. Not a test (no timing assertions): run it and read the numbers.
//
//   npx tsx test/simulator/load-probe.ts [mode=load] [speed=50] [agents=100] [seconds=10] [chat=stream|webhook] [contacts/s]

import { defaultProfile, routingConfigFor, startSimulator } from "../../src/simulator/index";
import { platform, readAll, routerLoop } from "./live-setup";

const [mode = "load", speedArg = "50", agentsArg = "100", secondsArg = "10", chat = "stream", rateArg] =
  process.argv.slice(2);
if (mode !== "on" && mode !== "load") throw new Error(`mode must be on or load (got ${mode})`);
const speed = Number(speedArg);
const p = await platform();
const profile = defaultProfile({ agents: Number(agentsArg), seed: 3 });
const router = await routerLoop(p.log, routingConfigFor(profile, { speed }));
const started = Date.now();
const sim = await startSimulator({
  ...p.sources,
  profile,
  mode,
  speed,
  seed: 3,
  ...(rateArg === undefined ? {} : { loadContactsPerSecond: Number(rateArg) }),
  ...(chat === "stream" ? { chatStreamUrl: p.chatStreamUrl } : {}),
});
const executor = p.executor(() => sim.now(), speed);
await executor.start();
await new Promise((r) => setTimeout(r, Number(secondsArg) * 1000));
await sim.stop();
const wall = (Date.now() - started) / 1000;
const onLog = async () =>
  [...(await p.log.endOffsets("starboard.events")).values()].reduce((a, b) => a + b, 0);
const atStop = await onLog();
const events = await readAll(p.log, 1_500);
const bySource = new Map<string, number>();
for (const e of events) bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1);
const failures = new Map<string, number>();
for (const e of events)
  if (e.type === "router.command-result" && !e.data.ok)
    failures.set(e.data.error, (failures.get(e.data.error) ?? 0) + 1);
console.log(
  JSON.stringify(
    {
      mode,
      chat,
      speed,
      agents: profile.agents.length,
      wallSeconds: wall,
      eventsOnLog: atStop,
      eventsPerSecond: Math.round(atStop / wall),
      simulator: sim.stats,
      bySource: Object.fromEntries(bySource),
      router: router.engine.anomalies,
      executor: executor.counters,
      commandFailures: Object.fromEntries(
        [...failures].map(([k, v]) => [k.replace(/[0-9a-f-]{36}/g, "<uuid>"), v]),
      ),
    },
    null,
    2,
  ),
);
await executor.stop();
await router.sub.stop();
await p.close();
