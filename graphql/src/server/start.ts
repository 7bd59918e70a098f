import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import type { AlertThresholds, EventLog, Role, RoutingConfig, SupervisorActionCode } from "@starboard/core";
import type { Warehouse } from "@starboard/sql";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { KeyRing } from "../auth/api-keys";
import type { ApiContext } from "../context";
import { defaultQueryLimits, limitRule, type QueryLimits } from "../limits/query-limits";
import { RateLimiter } from "../limits/rate-limit";
import { FanOut } from "../live/fan-out";
import { LiveFeed } from "../live/live-feed";
import { LiveViews } from "../live/views";
import { buildApiSchema } from "../schema";
import { LiveService } from "../services/live";
import { QaRuleService } from "../services/qa-rules";
import { type CustomerLookup, ReportService } from "../services/reports";
import type { Services } from "../services/services";
import { StaffedService } from "../services/staffed";
import { SupervisorService } from "../services/supervisor";
import { handleGraphqlHttp } from "./http";
import { attachWebSocket } from "./ws";

export interface ApiServerOptions {
  log: EventLog;
  warehouse: Warehouse;
  routing: RoutingConfig;
  apiKeys: readonly { key: string; role: Role }[];
  port?: number;
  host?: string;
  tenant?: string;
  /** Caller recognition and the customer(phone|id) query (default: an empty directory). */
  customers?: CustomerLookup;
  /** QA rules from the config (core/src/qa shapes); the API's saves and removals apply on top. */
  qaRules?: readonly unknown[];
  alertThresholds?: Partial<AlertThresholds>;
  limits?: Partial<QueryLimits>;
  /** Requests per second per key, and the burst allowed (default 50/s, 200). */
  rateLimit?: { perSecond: number; burst: number };
  /** Subscription tick (default 150 ms: at most ~7 messages per topic per second). */
  tickMs?: number;
  /** A client must have sent its request headers within this (default 10 s). */
  headersTimeoutMs?: number;
  /** ...and its whole request, body included (default 30 s; never shorter than the headers' limit). */
  requestTimeoutMs?: number;
  /** A WebSocket that has not sent connection_init by then is closed with 4408 (default 3 s). */
  wsInitTimeoutMs?: number;
  /** The server pings each WebSocket this often and drops one that missed the last pong (default 12 s). */
  wsKeepAliveMs?: number;
  /** How long a mutation waits for FreeSWITCH's answer before returning PENDING (default 8 s). */
  commandTimeoutMs?: number;
}

export interface ApiServer {
  url: string;
  wsUrl: string;
  port: number;
  feed: LiveFeed;
  fanOut: FanOut;
  close(): Promise<void>;
}

const mutationAction: Record<string, SupervisorActionCode> = {
  monitorCall: "monitor-call",
  changeMonitorMode: "change-monitor-mode",
  stopMonitor: "stop-monitor",
  takeOverCall: "take-over-call",
  forceHangup: "force-hangup",
  setAgentState: "set-agent-state",
  reviewQaFlag: "review-qa-flag",
};

const limitCodes = new Set(["QUERY_TOO_DEEP", "QUERY_TOO_COSTLY"]);

/** The code our validation rule gave, which Apollo replaces with GRAPHQL_VALIDATION_FAILED. */
function limitCode(error: unknown): string | undefined {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const code = original instanceof GraphQLError ? original.extensions.code : undefined;
  return typeof code === "string" && limitCodes.has(code) ? code : undefined;
}

/** Never send internals (stack traces, SQL, file paths) to a client; keep the code and a plain message. */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code =
    limitCode(error) ??
    (typeof formatted.extensions?.code === "string" ? formatted.extensions.code : "INTERNAL_SERVER_ERROR");
  const { stacktrace: _s, http: _h, exception: _e, ...rest } = formatted.extensions ?? {};
  if (code === "INTERNAL_SERVER_ERROR") {
    process.stderr.write(`graphql: internal error: ${formatted.message}\n`);
    return {
      message: "internal error",
      extensions: { code },
      ...(formatted.path ? { path: formatted.path } : {}),
    };
  }
  return { ...formatted, extensions: { ...rest, code } };
}

/** The API on one HTTP server: POST/GET /graphql (Apollo), WebSocket /graphql (graphql-ws), GET /healthz and /readyz. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const tenant = options.tenant ?? "default";
  const limits: QueryLimits = { ...defaultQueryLimits, ...options.limits };
  const keys = new KeyRing(options.apiKeys);
  const feed = new LiveFeed({
    log: options.log,
    routing: options.routing,
    tenant,
    ...(options.qaRules === undefined ? {} : { qaRules: options.qaRules }),
    ...(options.alertThresholds === undefined ? {} : { thresholds: options.alertThresholds }),
  });
  const views = new LiveViews(feed);
  const supervisor = new SupervisorService({
    log: options.log,
    feed,
    tenant,
    ...(options.commandTimeoutMs === undefined ? {} : { resultTimeoutMs: options.commandTimeoutMs }),
  });
  const services: Services = {
    live: new LiveService(feed, views),
    reports: new ReportService(options.warehouse, tenant, options.customers),
    staffed: new StaffedService(options.warehouse, tenant, options.routing.queues),
    supervisor,
    qaRules: new QaRuleService(options.log, feed, tenant),
  };
  const schema = buildApiSchema({
    onDenied: async (context, field, args) => {
      const action = mutationAction[field];
      if (action === undefined) return;
      const callId = typeof args.callId === "string" ? args.callId : undefined;
      const agentId = typeof args.agentId === "string" ? args.agentId : undefined;
      const mode =
        typeof args.mode === "string"
          ? (args.mode.toLowerCase() as "listen" | "whisper" | "barge")
          : undefined;
      await supervisor.audit(context.principal, action, {
        outcome: "denied",
        reason: `role ${context.principal.role} may not ${action}`,
        ...(callId === undefined ? {} : { contactId: callId }),
        ...(agentId === undefined ? {} : { agentId }),
        ...(mode === undefined ? {} : { mode }),
      });
    },
  });
  const fanOut = new FanOut({
    schema,
    views,
    ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
    isActive: (context: ApiContext) => keys.isActive(context.principal),
  });
  const apollo = new ApolloServer<ApiContext>({
    schema,
    validationRules: [limitRule(limits)],
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // The process owner (starboard start) decides how to stop; Apollo must not re-raise SIGINT itself.
    stopOnTerminationSignals: false,
    formatError,
    logger: {
      debug: () => {},
      info: () => {},
      warn: (m) => process.stderr.write(`graphql: ${m}\n`),
      error: (m) => process.stderr.write(`graphql: ${m}\n`),
    },
  });
  await apollo.start();
  await feed.start();
  let caughtUp = false;
  void feed.ready().then(() => {
    caughtUp = true;
  });
  fanOut.start();
  const limiter = new RateLimiter(options.rateLimit?.perSecond ?? 50, options.rateLimit?.burst ?? 200);
  const deps = { apollo, keys, services, limiter, maxDocumentBytes: limits.maxDocumentBytes };
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    // Browsers (the dashboard on another port, BI tools in a page) call with a bearer key, never
    // cookies, so any origin may: the key is what is checked.
    res.setHeader("access-control-allow-origin", "*");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": "authorization, content-type, apollo-require-preflight",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    if (path === "/health" || path === "/healthz" || path === "/readyz") {
      // healthz: the process answers. readyz: the live picture has caught up with the log.
      const ready = path !== "/readyz" || caughtUp;
      res.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: ready,
          caughtUp,
          events: feed.counters.events,
          subscribers: fanOut.subscriberCount,
        }),
      );
      return;
    }
    if (path !== "/graphql") {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          errors: [{ message: "not found: the API is at /graphql", extensions: { code: "NOT_FOUND" } }],
        }),
      );
      return;
    }
    handleGraphqlHttp(deps, req, res).catch((error: unknown) => {
      process.stderr.write(
        `graphql: request failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          errors: [{ message: "internal error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
        }),
      );
    });
  });
  // A client that trickles its headers or body (slowloris) is cut off instead of holding a socket.
  server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.requestTimeout = Math.max(server.headersTimeout, options.requestTimeoutMs ?? 30_000);
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 4000, host, () => resolve());
    });
  } catch (error) {
    fanOut.stop();
    await apollo.stop();
    await feed.stop();
    const code = (error as { code?: string }).code;
    throw new Error(
      code === "EADDRINUSE"
        ? `GraphQL API: port ${options.port ?? 4000} on ${host} is already in use`
        : `GraphQL API: cannot listen: ${String(error)}`,
    );
  }
  // Attached once listening: a port already in use is then one clear error, not one per listener.
  const ws = attachWebSocket(server, "/graphql", {
    schema,
    keys,
    services,
    limiter,
    limits,
    fanOut,
    initTimeoutMs: options.wsInitTimeoutMs ?? 3_000,
    keepAliveMs: options.wsKeepAliveMs ?? 12_000,
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return {
    url: `http://${shown}:${port}/graphql`,
    wsUrl: `ws://${shown}:${port}/graphql`,
    port,
    feed,
    fanOut,
    close: async () => {
      fanOut.stop();
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await feed.stop();
    },
  };
}
