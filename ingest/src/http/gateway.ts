import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { EventLog } from "@starboard/core";
import { readBody } from "./body";
import { Intake } from "./intake";
import { parseJson } from "./json";
import { verifySignature } from "./signature";
import { SocketEndpoints } from "./socket";
import { type PayloadMapper, type Refusal, refuse, type Step } from "./step";

export interface GatewayOptions {
  log: EventLog;
  /** HMAC secrets; any one may sign (rotation). */
  secrets: readonly string[];
  /** POST path -> the payload mapper for it, e.g. { "/chat/events": mapChatPayload }. */
  routes: Record<string, PayloadMapper>;
  /** WebSocket path -> the payload mapper for its messages, e.g. { "/chat/stream": mapChatPayload }. */
  sockets?: Record<string, PayloadMapper>;
  /** Envelope source, e.g. "chat-gateway". */
  source: string;
  tenant?: string;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  /**
   * Request headers (of a webhook or a WebSocket upgrade) must be complete within this (default
   * 10 s): a client trickling its headers (slowloris) is answered 408 and cut off.
   */
  headersTimeoutMs?: number;
  replayWindowSeconds?: number;
  /** Largest WebSocket message (default 1 MiB); a bigger one closes the socket with 1009. */
  maxMessageBytes?: number;
  /** Messages of one socket being published at once (default 64); more are rejected as busy. */
  maxInFlightPerSocket?: number;
  now?: () => number;
}

/**
 * One signed-webhook endpoint set over node:http: size limit, body timeout, HMAC, freshness and
 * replay, JSON, schema, then the log. A request is answered 202 only after publishEvents resolved
 * (the events are durable); a bad body is answered 4xx with the field path and its raw bytes go
 * to the dead-letter topic with the reason. Every outcome is counted. WebSocket endpoints share
 * the server, the intake (replay window, counters) and the mappers (`socket.ts`).
 */
export class WebhookGateway {
  private readonly server: Server;
  private readonly intake: Intake;
  private readonly sockets: SocketEndpoints;

  constructor(private readonly options: GatewayOptions) {
    this.intake = new Intake(options);
    const headersTimeout = options.headersTimeoutMs ?? 10_000;
    // Headers must arrive promptly too; node answers 408 itself when they do not. It only looks
    // every connectionsCheckingInterval (30 s by default, which would let a slowloris client hold
    // the socket three times longer than the limit), so look at least twice per limit.
    const connectionsCheckingInterval = Math.max(25, Math.min(1_000, Math.floor(headersTimeout / 2)));
    this.server = createServer({ connectionsCheckingInterval, headersTimeout }, (req, res) => {
      void this.handle(req, res).catch(() => this.reply(res, 500, { error: "internal error" }));
    });
    this.sockets = new SocketEndpoints(this.server, this.intake, {
      ...options,
      routes: options.sockets ?? {},
      now: () => this.now(),
    });
  }

  get counters() {
    return this.intake.counters;
  }

  async listen(port = 0, host = "127.0.0.1"): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address();
    return typeof address === "object" && address !== null ? address.port : port;
  }

  async close(): Promise<void> {
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const mapper = this.options.routes[path];
    if (mapper === undefined)
      return this.refuse(req, res, refuse<never>(404, "not-found", `no endpoint ${path}`));
    if (req.method !== "POST")
      return this.refuse(req, res, refuse<never>(405, "method-not-allowed", "POST only"));
    const body = await readBody(
      req,
      this.options.maxBodyBytes ?? 1_048_576,
      this.options.bodyTimeoutMs ?? 10_000,
    );
    if (body.kind === "refuse") return this.refuse(req, res, body);
    const signed = verifySignature(req.headers, body.value, this.options.secrets);
    if (signed.kind === "refuse") return this.refuse(req, res, signed);
    const { deliveryId, timestampSeconds } = signed.value;
    const fresh = this.intake.deliveries.check(deliveryId, timestampSeconds, this.now());
    if (fresh.kind === "refuse") return this.refuse(req, res, fresh);
    const json = parseJson(body.value);
    if (json.kind === "refuse") return this.refuse(req, res, json, body.value, deliveryId);
    const done = await this.intake.deliver(json.value, mapper, { id: deliveryId, timestampSeconds });
    if (done.kind === "refuse") return this.refuse(req, res, done, body.value, deliveryId);
    this.reply(res, 202, { accepted: done.value.length, ids: done.value });
  }

  private async refuse(
    req: IncomingMessage,
    res: ServerResponse,
    step: Step<unknown> | { kind: "refuse"; refusal: Refusal },
    raw?: Buffer,
    deliveryId?: string,
  ): Promise<void> {
    if (step.kind !== "refuse") return;
    const r = step.refusal;
    await this.intake.record(r, raw, deliveryId);
    // An unread body (413 declared, 404) would otherwise keep the socket busy.
    if (r.status === 413 || r.status === 408) res.setHeader("connection", "close");
    this.reply(res, r.status, { error: r.reason, ...(r.path === undefined ? {} : { path: r.path }) });
    if (r.status === 408) req.destroy();
  }

  private reply(res: ServerResponse, status: number, body: object): void {
    if (res.headersSent) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
