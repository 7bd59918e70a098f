// The operations surface of a `starboard start` process, whatever --only selects: one ops HTTP
// server (/healthz, /readyz, /metrics), the JSON logger services report errors to, and the
// readiness checks of what this process runs (log, warehouse, the consumers caught up).

import {
  answers,
  type CheckResult,
  consumerCaughtUp,
  createLogger,
  type EventLog,
  errorMessage,
  type LogFault,
  type Logger,
  type OpsServer,
  Readiness,
  startOpsServer,
  Topics,
} from "@starboard/core";
import type { Warehouse } from "@starboard/sql";
import { defaultOpsPort } from "../config/defaults";
import { type StarboardConfig, serviceNames } from "../config/index";

/**
 * A consumer this many records behind the end of the events topic still counts as caught up: at
 * demo and load rates a healthy sink is a few hundred records behind between its writes.
 */
export const readyLagTolerance = 1_000;

export interface RunningOps {
  server: OpsServer;
  readiness: Readiness;
  /** http://host:port of the ops server. */
  url: string;
}

/** "starboard" for the whole platform, "starboard:router,sink" for an --only process. */
export function serviceLabel(config: StarboardConfig): string {
  const all = serviceNames.every((s) => config.services.includes(s));
  return all ? "starboard" : `starboard:${config.services.join(",")}`;
}

export function platformLogger(config: StarboardConfig): Logger {
  return createLogger({ service: serviceLabel(config) });
}

/**
 * The embedded log's trouble: each fault is an error line, and a stopped consumer partition makes
 * /healthz fail, because it waits for a restart and no retry inside this process brings it back.
 */
export class LogFaults {
  private readonly stopped = new Map<string, string>();

  constructor(private readonly logger: Logger) {}

  readonly record = (fault: LogFault): void => {
    if (fault.type === "consumer-stopped") {
      const where = `${fault.groupId} ${fault.topic}/${fault.partition}`;
      this.stopped.set(where, errorMessage(fault.error));
      this.logger.error(
        {
          component: "log",
          group: fault.groupId,
          topic: fault.topic,
          partition: fault.partition,
          err: fault.error,
        },
        "a consumer stopped on a store failure; its partition waits until a restart",
      );
    } else if (fault.type === "checkpoint-inline")
      this.logger.error(
        { component: "log", reason: fault.reason },
        "the WAL checkpoint worker failed; checkpoints now run on the appending thread",
      );
    else if (fault.type === "writer-failed")
      this.logger.error(
        { component: "log", reason: fault.reason },
        "the log's writer thread failed; its appends in flight failed and the next append starts another",
      );
    else
      this.logger.error(
        { component: "log", err: fault.error },
        "consumer offsets could not be written; they stay pending and are retried",
      );
  };

  readonly healthy = (): CheckResult => {
    if (this.stopped.size === 0) return { ok: true };
    const [where, why] = [...this.stopped][0] ?? ["", ""];
    const more = this.stopped.size > 1 ? ` (and ${this.stopped.size - 1} more)` : "";
    return { ok: false, detail: `consumer ${where} stopped: ${why}${more}; restart the process` };
  };
}

/**
 * Starts the ops server with the log's check and a "platform" check that is ready only between
 * the end of start-up and the beginning of a stop, so a balancer neither sends work to a process
 * still starting nor keeps sending it to one draining.
 */
export async function startOps(
  config: StarboardConfig,
  log: EventLog,
  logger: Logger,
  faults: LogFaults,
  phase: () => "starting" | "running" | "stopping",
  say: (line: string) => void,
): Promise<RunningOps> {
  const readiness = new Readiness();
  readiness.add({
    name: "platform",
    ready: () => ({ ok: phase() === "running", detail: phase() }),
  });
  readiness.add({
    name: "log",
    ready: answers(() => log.endOffsets(Topics.events)),
    healthy: faults.healthy,
  });
  const listen = (port: number) => startOpsServer({ readiness, port, host: config.ports.host, logger });
  let server: OpsServer;
  try {
    server = await listen(config.ports.ops);
  } catch (error) {
    // Several `starboard start --only ...` processes on one machine (and the test suites) all
    // default to 9464: the default gives way to a free port, said loudly; a port that was asked for
    // (STARBOARD_OPS_PORT, ports.ops, --ops-port) fails the start instead.
    if (config.ports.ops !== defaultOpsPort || !/EADDRINUSE/.test(String(error))) throw error;
    server = await listen(0);
    say(`  ops port ${defaultOpsPort} is taken: serving on ${server.url} instead (set --ops-port to choose)`);
    logger.warn(
      { component: "ops", url: server.url },
      `default ops port ${defaultOpsPort} taken, using a free port`,
    );
  }
  return { server, readiness, url: server.url };
}

export function warehouseReady(readiness: Readiness, warehouse: Warehouse): void {
  readiness.add({ name: "warehouse", ready: answers(() => warehouse.query("SELECT 1")) });
}

/** Ready once the consumer group has committed all but `readyLagTolerance` records of the events topic. */
export function consumerReady(readiness: Readiness, log: EventLog, name: string, groupId: string): void {
  readiness.add({ name, ready: consumerCaughtUp(log, groupId, Topics.events, readyLagTolerance) });
}
