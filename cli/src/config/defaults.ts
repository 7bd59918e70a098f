// Settings before any file, variable or flag: the embedded single-machine demo.

import { resolve } from "node:path";
import { DEFAULT_ALERT_THRESHOLDS } from "@starboard/core";
import { type StarboardConfig, serviceNames } from "./types";

/** The queue the ESL emulator's demo calls join: routed out of the box. */
export const defaultQueueId = "support@default";

/**
 * A development secret, so the gateways run without setup. It is public (it is in the source):
 * set `webhookSecret` in STARBOARD_CONFIG for anything reachable from outside.
 */
export const developmentWebhookSecret = "starboard-development-secret";

/** /healthz, /readyz and /metrics: 9464 is in the range Prometheus exporters conventionally use. */
export const defaultOpsPort = 9464;

export function defaults(): StarboardConfig {
  return {
    configFile: undefined,
    dataDir: resolve(".starboard"),
    kafkaBrokers: [],
    clickhouseUrl: undefined,
    esl: { host: undefined, port: 8021, password: "ClueCon" },
    apiKeys: [],
    tenant: "default",
    ports: {
      host: "127.0.0.1",
      graphql: 4000,
      dashboard: 3000,
      chat: 4100,
      tickets: 4200,
      ops: defaultOpsPort,
    },
    webhookSecret: developmentWebhookSecret,
    skills: [],
    agents: [],
    sla: { shortAbandonSeconds: 5, thresholdSeconds: 20, targetServiceLevel: 0.8 },
    alerts: alertDefaults(),
    qaRules: [],
    demand: undefined,
    customers: [],
    routing: { queues: [{ id: defaultQueueId }] },
    services: [...serviceNames],
    simulator: { mode: "auto", speed: 1, seed: 1 },
  };
}

function alertDefaults(): StarboardConfig["alerts"] {
  const { evaluateEveryMs: _cadence, ...settings } = DEFAULT_ALERT_THRESHOLDS;
  return { ...settings, awaySeconds: { ...settings.awaySeconds } };
}
