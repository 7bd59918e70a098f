// The API: queries over the warehouse, live state and subscriptions over the log, supervisor
// mutations as commands on the log.

import { randomBytes } from "node:crypto";
import type { EventLog, Role, RoutingConfig } from "@starboard/core";
import { type ApiServer, type CustomerLookup, startApiServer } from "@starboard/graphql";
import type { Warehouse } from "@starboard/sql";
import type { StarboardConfig } from "../config/index";

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
  });
  return { server, generatedKey };
}
