// The operations endpoints every Starboard process serves, on their own port so a load balancer
// or Prometheus never reaches the API's auth: GET /healthz (alive), /readyz (every registered
// check passes) and /metrics (Prometheus text format).

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { errorMessage } from "../log/errors";
import type { Logger } from "./logger";
import { enableProcessMetrics, opsRegistry } from "./metrics";
import type { Readiness, Report } from "./readiness";

export interface OpsServerOptions {
  readiness: Readiness;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  host?: string;
  /** Default: the process's registry, with Node's process metrics turned on. */
  registry?: Registry;
  /** Where a failed scrape is reported. */
  logger?: Logger;
}

export interface OpsServer {
  /** http://host:port, without a path. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

function reportBody(report: Report, label: "ready" | "healthy") {
  const failing = report.checks.filter((c) => !c.ok).map((c) => c.name);
  return { status: report.ok ? label : `not ${label}`, failing, checks: report.checks };
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const registry = options.registry ?? opsRegistry;
  if (options.registry === undefined) enableProcessMetrics();
  const started = Date.now();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      res.end();
      return;
    }
    if (path === "/healthz") {
      const report = await options.readiness.healthy();
      json(res, report.ok ? 200 : 503, {
        ...reportBody(report, "healthy"),
        pid: process.pid,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      });
    } else if (path === "/readyz") {
      const report = await options.readiness.ready();
      json(res, report.ok ? 200 : 503, reportBody(report, "ready"));
    } else if (path === "/metrics") {
      const text = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
      res.end(text);
    } else json(res, 404, { error: `no such path ${path}: try /healthz, /readyz or /metrics` });
  };

  const server = createServer((req, res) => {
    // The request body is never read: drain it so the connection can be reused.
    req.resume();
    handle(req, res).catch((error: unknown) => {
      options.logger?.error({ err: error, path: req.url }, "ops endpoint failed");
      if (!res.headersSent) json(res, 500, { error: errorMessage(error) });
      else res.destroy();
    });
  });
  // Probes are small and quick: a client that trickles its headers is cut off early.
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
