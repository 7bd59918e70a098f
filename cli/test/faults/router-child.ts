// The router service as its own process for the kill -9 fault: core's startRouterService on the
// fault broker, routing the simulator profile the workload comes from. Ticks are off: a tick's time
// comes from the wall clock, and this fault compares decisions with another run's exactly.
//
//   tsx router-child.ts <brokers> <dataDir>

import { openEventLog, startRouterService } from "@starboard/core";
import { defaultProfile, routingConfigFor } from "@starboard/ingest";
import { workloadAgents, workloadSeed } from "./workload";

const [brokers, dataDir] = process.argv.slice(2);
if (brokers === undefined || dataDir === undefined) {
  process.stderr.write("usage: router-child.ts <brokers> <dataDir>\n");
  process.exit(2);
}
const log = await openEventLog({ dataDir, kafkaBrokers: [brokers] });
const routing = routingConfigFor(defaultProfile({ agents: workloadAgents, seed: workloadSeed }));
const router = await startRouterService({ log, routing, tickMs: 0 });
process.stdout.write(`router running: replayed ${router.stats.replayed}\n`);
process.once("SIGTERM", () => {
  void router
    .stop()
    .then(() => log.close())
    .then(() => {
      process.stdout.write(`router stopped: ${JSON.stringify(router.stats)}\n`);
      process.exit(0);
    });
});
