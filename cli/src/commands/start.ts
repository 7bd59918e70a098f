import type { Command } from "../command";
import { ConfigError, loadConfig, serviceNames } from "../config/index";
import { parseStartFlags } from "../start/options";
import { startPlatform } from "../start/platform";
import { untilSignal } from "../start/signals";
import { summary, totals } from "../start/summary";

export const startCommand: Command = {
  name: "start",
  summary: "run the platform: log, warehouse, router, sink, ESL, chat, tickets, API, simulator, dashboard",
  usage: `starboard start [--only <service,...>] [--simulator off|on|load] [--speed <x>] [--seed <n>] [--agents <n>]
                [--data-dir <dir>] [--host <addr>] [--graphql-port <n>] [--dashboard-port <n>]
                [--chat-port <n>] [--tickets-port <n>] [--ops-port <n>]

  --only <list>        services to run in this process: ${serviceNames.join(", ")} (default: all)
  --simulator <mode>   demo traffic: off, on, or load (default: on in a fresh data directory, else off)
  --speed <x>          simulated seconds per real second (default 1)
  --seed <n>           simulator seed (default 1): the same seed plays the same day
  --agents <n>         simulated agents (default 30); load runs want a few hundred
  --data-dir <dir>     overrides STARBOARD_DATA_DIR (default ./.starboard)
  --host <addr>        where the HTTP servers listen (default 127.0.0.1)
  --*-port <n>         ports (defaults: graphql 4000, dashboard 3000, chat 4100, tickets 4200,
                       ops 9464; 0 = any free). The ops port serves /healthz, /readyz and /metrics
                       (Prometheus) for whatever services this process runs

  Embedded by default: the event log in <data-dir>/log.sqlite and ClickHouse (chdb) in
  <data-dir>/warehouse. STARBOARD_KAFKA_BROKERS and STARBOARD_CLICKHOUSE_URL switch to a Kafka
  broker and a ClickHouse server; STARBOARD_ESL_HOST/PORT/PASSWORD to a real FreeSWITCH (otherwise
  an emulator runs in-process); STARBOARD_API_KEYS (key:role,...) for the API; STARBOARD_CONFIG
  names a YAML file with queues, skills, agents, SLA targets, QA rules, hours, customers and ports
  (every key is shown in cli/src/config/example.yaml). Logs are JSON lines on stdout (pino;
  STARBOARD_LOG_LEVEL, default info; secrets and phone numbers masked); progress goes to stderr.
  Runs until SIGINT or SIGTERM, then stops sources first and lets the router and sink catch up.`,
  async run(argv, io) {
    const flags = parseStartFlags(argv);
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig({ flags });
    } catch (error) {
      if (error instanceof ConfigError) {
        io.err(`starboard start: bad configuration:\n${error.message}`);
        return 1;
      }
      throw error;
    }
    // Armed before starting, so a Ctrl+C during start-up still stops what has started.
    const signal = untilSignal(() => io.err("second signal: exiting without a clean stop"));
    const starting = new AbortController();
    void signal.promise.then(() => starting.abort());
    let platform: Awaited<ReturnType<typeof startPlatform>>;
    try {
      platform = await startPlatform(config, io, starting.signal);
    } catch (error) {
      signal.dispose();
      io.err(`starboard start: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    for (const line of summary(platform)) io.err(line);
    const received = await signal.promise;
    io.err(`${received}: stopping (sources first, then the router and sink catch up)`);
    await platform.stop();
    signal.dispose();
    for (const line of totals(platform)) io.err(line);
    io.err("stopped");
    return 0;
  },
};
