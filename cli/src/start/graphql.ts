// The API: queries over the warehouse, live state and subscriptions over the log, supervisor
// mutations as commands on the log.

import { randomBytes } from "node:crypto";
import type { EventLog, Role, RoutingConfig } from "@starboard/core";
import { type ApiServer, type CustomerLookup, startApiServer } from "@starboard/graphql";
import type { Warehouse } from "@starboard/sql";
import type { StarboardConfig } from "../config/index";

/** The API's subscription tick (its default): how often a subscriber can see anything change. */
const subscriptionTickMs = 150;

/**
 * How often, in event time, the live state re-runs its alert rules. Each run walks every waiting
 * contact and signed-in agent. The default is once per second of event time, but a simulator at
 * --speed 50 makes 50 seconds of event time per wall-clock second: in the load run the rules took
 * ~5% of the platform's main thread (a CPU profile: queueAlerts, agentAlerts). Nobody sees a result
 * sooner than the next subscription tick, so at speed the rules run once per tick of wall clock;
 * at speed 1 nothing changes.
 */
export function alertEvaluationMs(speed: number): number {
  return Math.max(1_000, Math.round(subscriptionTickMs * speed));
}

export interface RunningApi {
  server: ApiServer;
  /** Set when STARBOARD_API_KEYS was empty: a key made for this run, so the local dashboard works. */
  generatedKey: string | undefined;
}

export async function startApi(
  config: StarboardConfig,
  routing: RoutingConfig,
  log: EventLog,
  warehouse: Warehouse,
  customers: CustomerLookup | undefined,
  /** How many times faster than the wall clock event time runs (the simulator's --speed, else 1). */
  speed = 1,
): Promise<RunningApi> {
  let apiKeys: { key: string; role: Role }[] = config.apiKeys;
  let generatedKey: string | undefined;
  if (apiKeys.length === 0) {
    generatedKey = `dev-${randomBytes(18).toString("base64url")}`;
    apiKeys = [{ key: generatedKey, role: "admin" }];
  }
  const server = await startApiServer({
    log,
    warehouse,
    routing,
    apiKeys,
    port: config.ports.graphql,
    host: config.ports.host,
    tenant: config.tenant,
    ...(customers === undefined ? {} : { customers }),
    qaRules: config.qaRules,
    alertThresholds: { ...config.alerts, evaluateEveryMs: alertEvaluationMs(speed) },
  });
  return { server, generatedKey };
}
