// The composition root: open the log, migrate, then the consumers (sink, router), then the sources
// (ESL, chat, tickets), the API, the simulator and the dashboard. Stops in reverse.

import {
  type CustomerDirectory,
  compileRules,
  compileTaxonomy,
  defaultQaRules,
  type EventLog,
  type Logger,
  openEventLog,
  type QaService,
  type RouterService,
  type RoutingConfig,
  startQaService,
  startRouterService,
  Topics,
} from "@starboard/core";
import type { Simulator } from "@starboard/ingest";
import { createWarehouseClient, migrate, type Sink, startSink, type Warehouse } from "@starboard/sql";
import type { CommandIo } from "../command";
import type { StarboardConfig } from "../config/index";
import { type RunningDirectory, startCustomerDirectory } from "./customers";
import { planDashboard, type RunningDashboard, startDashboard } from "./dashboard";
import { drainStep } from "./drain";
import { startTelephony, type Telephony } from "./esl";
import { parseSinkFailpoint, withSinkFailpoint } from "./failpoints";
import { type RunningGateway, startGateway } from "./gateways";
import { type RunningApi, startApi } from "./graphql";
import { limitHeapGrowth } from "./heap-policy";
import { type LoadGenerator, startLoadGenerator } from "./load-generator";
import { consumerReady, LogFaults, platformLogger, type RunningOps, startOps, warehouseReady } from "./ops";
import { routingFor } from "./routing";
import { isFreshLog, runs, simulatorMode } from "./selection";
import { missingForSimulator, startDemo } from "./simulator";
import { Stack } from "./stack";

export interface Platform {
  config: StarboardConfig;
  log: EventLog;
  warehouse: Warehouse | undefined;
  sink: Sink | undefined;
  router: RouterService | undefined;
  /** The QA scanner: rules over every message and transcript segment, qa.flagged out. */
  qa: QaService | undefined;
  telephony: Telephony | undefined;
  /** Who is calling: the config's customers and the starboard.customers topic, kept current. */
  customers: CustomerDirectory | undefined;
  chat: RunningGateway | undefined;
  tickets: RunningGateway | undefined;
  graphqlUrl: string | undefined;
  dashboard: RunningDashboard | undefined;
  simulator: "off" | "on" | "load";
  /** The demo traffic, when it runs in this process. */
  demo: Simulator | undefined;
  /** Load mode's thread (emulated switch and simulator), when it runs. */
  generator: LoadGenerator | undefined;
  /** What the router and the API route by (the configured queues, and the simulator's). */
  routing: RoutingConfig;
  /** /healthz, /readyz and /metrics of this process. */
  ops: RunningOps;
  /** JSON lines on standard output: where services report errors (never a secret or a phone number). */
  logger: Logger;
  /** Stops sources, lets the router and the sink catch up, flushes, closes the stores. */
  stop(): Promise<void>;
}

/** How long a clean stop waits for a consumer to catch up with what is on the log. */
const drainMs = 30_000;

/**
 * `abort` (a signal during start-up) stops the start between steps and undoes what started.
 * `logger` defaults to JSON lines on standard output (STARBOARD_LOG_LEVEL); progress lines stay on io.
 */
export async function startPlatform(
  config: StarboardConfig,
  io: CommandIo,
  abort?: AbortSignal,
  logger: Logger = platformLogger(config),
): Promise<Platform> {
  limitHeapGrowth();
  const stack = new Stack(io, abort);
  try {
    return await compose(config, io, stack, logger);
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

async function compose(
  config: StarboardConfig,
  io: CommandIo,
  stack: Stack,
  logger: Logger,
): Promise<Platform> {
  const embedded = config.kafkaBrokers.length === 0;
  const faults = new LogFaults(logger);
  const log = await stack.start(
    "event log",
    embedded ? `embedded, ${config.dataDir}/log.sqlite` : `Kafka ${config.kafkaBrokers.join(",")}`,
    () =>
      openEventLog({
        dataDir: config.dataDir,
        kafkaBrokers: config.kafkaBrokers,
        onFault: faults.record,
      }),
    (l) => l.close(),
  );
  const say = (line: string) => io.err(line);
  let phase: "starting" | "running" | "stopping" = "starting";
  const ops = await stack.start(
    "ops",
    `/healthz, /readyz, /metrics on ${config.ports.host}:${config.ports.ops}`,
    () => startOps(config, log, logger, faults, () => phase, say),
    (o) => o.server.close(),
  );
  const { readiness } = ops;
  const fresh = await isFreshLog(log);
  const simulator = simulatorMode(config, fresh);
  const routing = routingFor(config, simulator !== "off");
  const speed = simulator === "off" ? 1 : config.simulator.speed;
  // Commands are judged by the simulator's clock once it runs (they carry simulated time).
  const clock = { now: Date.now };

  let warehouse: Warehouse | undefined;
  if (runs(config, "sink") || runs(config, "graphql"))
    warehouse = await stack.start(
      "warehouse",
      config.clickhouseUrl ?? `chdb, ${config.dataDir}/warehouse`,
      async () => {
        const w = await createWarehouseClient({ dataDir: config.dataDir, url: config.clickhouseUrl ?? "" });
        try {
          const result = await migrate(w);
          if (result.applied.length > 0) say(`  applied ${result.applied.length} migrations`);
        } catch (error) {
          await w.close();
          throw error;
        }
        return w;
      },
      (w) => w.close(),
    );
  if (warehouse !== undefined) warehouseReady(readiness, warehouse);

  let sink: Sink | undefined;
  if (runs(config, "sink") && warehouse !== undefined) {
    const target = withSinkFailpoint(warehouse, parseSinkFailpoint(process.env.STARBOARD_FAILPOINTS));
    sink = await stack.start(
      "sink",
      "events topic -> raw_events",
      // 200 ms instead of the sink's 1 s coalescing delay: reports a supervisor opens during a demo
      // should show the last minute. Each insert has a large fixed cost (every view plans and writes
      // a part), so the sink stretches the delay to three times its last write's duration.
      () =>
        startSink({
          log,
          warehouse: target,
          maxDelayMs: 200,
          // The write in progress, kept until acknowledged: a restart finishes it first.
          pendingDir: `${config.dataDir}/sink`,
          // Retried until it succeeds (same rows, same token): an operator sees each failure.
          onProblem: (problem) =>
            problem.type === "retry"
              ? logger.warn(
                  { component: "sink", attempt: problem.attempt, err: problem.error },
                  "warehouse write failed; retrying",
                )
              : logger.warn(
                  { component: "sink", err: problem.error },
                  "an acknowledged write's pending file could not be removed; the next start replays it (a no-op)",
                ),
        }),
      (s) => s.stop(),
    );
    consumerReady(readiness, log, "sink", "sql-sink");
    stack.onStop("sink catch-up", drainStep(log, "sql-sink", Topics.events, drainMs, say));
  }

  let router: RouterService | undefined;
  // A failed tick is retried by the next one: an operator's log gets it, the terminal does not.
  const routerError = (message: string) => logger.error({ component: "router" }, message);
  if (runs(config, "router")) {
    router = await stack.start(
      "router",
      `${routing.queues.length} queues; replaying the log to rebuild its state`,
      // Below real time the wall clock would run ahead of the events: ticks only at speed >= 1.
      () => startRouterService({ log, routing, onError: routerError, tickMs: speed < 1 ? 0 : 1_000 }),
      (r) => r.stop(),
    );
    say(`  router replayed ${router.stats.replayed} events`);
    consumerReady(readiness, log, "router", "router");
    stack.onStop("router catch-up", drainStep(log, "router", Topics.events, drainMs, say));
  }

  let qa: QaService | undefined;
  if (runs(config, "qa")) {
    const rules = config.qaRules.length > 0 ? config.qaRules : defaultQaRules;
    qa = await stack.start(
      "qa",
      `${rules.length} QA rules over messages and transcripts${config.qaRules.length > 0 ? "" : " (the built-in set)"}`,
      () =>
        startQaService({
          log,
          rules: compileRules(rules),
          ...(config.demand === undefined ? {} : { demand: compileTaxonomy(config.demand) }),
        }),
      (q) => q.stop(),
    );
    consumerReady(readiness, log, "qa", "qa");
    stack.onStop("qa catch-up", drainStep(log, "qa", Topics.events, drainMs, say));
  }

  // Who is calling: the directory the sources recognize customers by and the API looks them up in.
  let customers: RunningDirectory | undefined;
  if (runs(config, "esl") || runs(config, "chat") || runs(config, "graphql")) {
    customers = await stack.start(
      "customers",
      `${config.customers.length} from the config, then the ${Topics.customers} topic`,
      () => startCustomerDirectory(config, log),
      (c) => c.stop(),
    );
    say(`  customer directory: ${customers.directory.size} customers`);
  }
  const recognize = customers?.directory.recognize;

  // Load mode's outside world (the emulated switch and the simulator) on its own thread: see
  // load-generator.ts. It starts before the ESL adapter, which connects to it over TCP.
  let generator: LoadGenerator | undefined;
  if (simulator === "load" && runs(config, "esl") && config.esl.host === undefined)
    generator = await stack.start(
      "load generator",
      "FreeSWITCH emulator and simulator in a worker thread",
      () => startLoadGenerator({ log, password: config.esl.password }),
      (g) => g.stop(),
    );

  let telephony: Telephony | undefined;
  if (runs(config, "esl")) {
    // No STARBOARD_ESL_HOST: an emulated switch in-process (embedded or on Kafka), so a demo has calls.
    telephony = await stack.start(
      "esl",
      generator !== undefined
        ? `FreeSWITCH emulator in the load generator's thread, port ${generator.eslPort}`
        : config.esl.host === undefined
          ? "FreeSWITCH emulator in-process (STARBOARD_ESL_HOST unset)"
          : `FreeSWITCH at ${config.esl.host}:${config.esl.port}`,
      () =>
        startTelephony({
          log,
          host: generator === undefined ? config.esl.host : "127.0.0.1",
          port: generator?.eslPort ?? config.esl.port,
          password: config.esl.password,
          clock,
          maxAgeMs: 60_000 * Math.max(1, speed),
          recognize,
        }),
      (t) => t.stop(),
    );
    say(`  event socket ${telephony.address}`);
  }

  const gateway = (kind: "chat" | "tickets") =>
    stack.start(
      kind,
      `webhook on ${config.ports.host}:${config.ports[kind]}`,
      () =>
        startGateway(kind, {
          log,
          secret: config.webhookSecret,
          tenant: config.tenant,
          host: config.ports.host,
          port: config.ports[kind],
          recognize,
        }),
      (g) => g.gateway.close(),
    );
  const chat = runs(config, "chat") ? await gateway("chat") : undefined;
  if (chat !== undefined)
    say(`  chat webhook ${chat.url}/chat/events, stream ${chat.url.replace("http", "ws")}/chat/stream`);
  const tickets = runs(config, "tickets") ? await gateway("tickets") : undefined;
  if (tickets !== undefined) say(`  ticket webhook ${tickets.url}/tickets/events`);

  let api: RunningApi | undefined;
  if (runs(config, "graphql") && warehouse !== undefined) {
    const target = warehouse;
    api = await stack.start(
      "graphql",
      `API on ${config.ports.host}:${config.ports.graphql}`,
      () => startApi(config, routing, log, target, customers?.directory, speed),
      (a) => a.server.close(),
    );
    if (api.generatedKey !== undefined)
      say(
        `  no STARBOARD_API_KEYS: this run's admin key is ${api.generatedKey} (Authorization: Bearer <key>)`,
      );
  }
  const graphqlUrl = api?.server.url;

  let demo: Simulator | undefined;
  if (simulator !== "off") {
    const sources = {
      log,
      fs: telephony?.fs,
      chatUrl: chat && `${chat.url}/chat/events`,
      chatStreamUrl: chat && `${chat.url.replace("http", "ws")}/chat/stream`,
      ticketsUrl: tickets && `${tickets.url}/tickets/events`,
      generator,
      notBefore: router?.engine.state.clockMs,
    };
    const missing = missingForSimulator(sources);
    if (missing !== undefined) say(`simulator: not started: ${missing}`);
    else {
      demo = await stack.start(
        "simulator",
        `${simulator} mode, speed ${config.simulator.speed}, seed ${config.simulator.seed}`,
        () => startDemo(config, simulator, sources),
        (d) => d.stop(),
      );
      const sim = demo;
      clock.now = () => sim.now();
    }
  }

  let dashboard: RunningDashboard | undefined;
  if (runs(config, "dashboard")) {
    const plan = planDashboard();
    if (plan.kind === "absent") say(`dashboard: not built yet (${plan.why}): not started`);
    else
      try {
        dashboard = await stack.start(
          "dashboard",
          `next ${plan.mode} on port ${config.ports.dashboard}`,
          () => startDashboard(plan, { host: config.ports.host, port: config.ports.dashboard, graphqlUrl }),
          (d) => d.stop(),
        );
      } catch (error) {
        // The supervisor app is a convenience on top: the platform runs without it.
        say(`dashboard: ${error instanceof Error ? error.message : String(error)}; the rest keeps running`);
        logger.warn({ component: "dashboard", err: error }, "dashboard did not start");
      }
  }

  // Runs first on the way down: /readyz turns false before anything stops, so balancers drain.
  stack.onStop("readiness", async () => {
    phase = "stopping";
    logger.info({ component: "platform" }, "stopping");
  });
  phase = "running";
  // What an operator's log search wants: what runs here and where (never a key or a secret).
  const where = { ops: ops.url, graphql: api?.server.url, dashboard: dashboard?.url };
  logger.info({ component: "platform", services: config.services, embedded, ...where }, "started");

  return {
    config,
    log,
    warehouse,
    sink,
    router,
    qa,
    telephony,
    customers: customers?.directory,
    chat,
    tickets,
    graphqlUrl,
    dashboard,
    simulator: demo === undefined ? "off" : simulator,
    demo,
    generator,
    routing,
    ops,
    logger,
    stop: () => stack.stop(),
  };
}
