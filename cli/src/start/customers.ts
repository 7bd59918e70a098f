// The customer directory of this process: the config's customers, then the compacted
// starboard.customers topic on top (a CRM sync publishes there), kept current while running.
// ESL and the chat gateway recognize callers with it; the API answers customer(phone|id) from it.

import { hostname } from "node:os";
import { CustomerDirectory, type CustomerRecord, type EventLog, followCustomers } from "@starboard/core";
import type { StarboardConfig } from "../config/index";

export interface RunningDirectory {
  directory: CustomerDirectory;
  stop(): Promise<void>;
}

export function configCustomers(config: StarboardConfig): CustomerRecord[] {
  return config.customers.map((c) => ({
    id: c.id,
    ...(c.name === undefined ? {} : { name: c.name }),
    phones: c.phones,
    identities: c.identities,
    tier: c.tier,
    tags: c.tags,
  }));
}

/**
 * Resolves once the topic as it stood at start is applied, so the first call is recognized like
 * the thousandth. The group is this process's own: every process needs the whole topic.
 */
export async function startCustomerDirectory(
  config: StarboardConfig,
  log: EventLog,
): Promise<RunningDirectory> {
  const directory = new CustomerDirectory(configCustomers(config));
  const followed = await followCustomers(log, directory, `customer-directory.${hostname()}.${process.pid}`);
  await followed.caughtUp;
  return { directory, stop: () => followed.subscription.stop() };
}
