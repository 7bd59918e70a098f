import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import {
  type EventLog,
  publishEvents,
  RecordRejectedError,
  rejectedInputRecord,
  Topics,
} from "@starboard/core";
import { readBody } from "./body";
import { DeliveryWindow } from "./deliveries";
import { parseJson } from "./json";
import { verifySignature } from "./signature";
import {
  type GatewayOutcome,
  gatewayOutcomes,
  type PayloadMapper,
  type Refusal,
  refuse,
  type Step,
} from "./step";

export interface GatewayOptions {
  log: EventLog;
  /** HMAC secrets; any one may sign (rotation). */
  secrets: readonly string[];
  /** POST path -> the payload mapper for it, e.g. { "/chat/events": mapChatPayload }. */
  routes: Record<string, PayloadMapper>;
  /** Envelope source, e.g. "chat-gateway". */
  source: string;
  tenant?: string;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  replayWindowSeconds?: number;
  now?: () => number;
}

/**
 * One signed-webhook endpoint set over node:http: size limit, body timeout, HMAC, freshness and
 * replay, JSON, schema, then the log. A request is answered 202 only after publishEvents resolved
 * (the events are durable); a bad body is answered 4xx with the field path and its raw bytes go
 * to the dead-letter topic with the reason. Every outcome is counted.
 */
export class WebhookGateway {
  readonly counters = Object.fromEntries(gatewayOutcomes.map((o) => [o, 0])) as Record<
    GatewayOutcome,
    number
  >;
  private readonly server: Server;
  private readonly deliveries: DeliveryWindow;

  constructor(private readonly options: GatewayOptions) {
    this.deliveries = new DeliveryWindow(options.replayWindowSeconds ?? 300);
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch(() => this.reply(res, 500, { error: "internal error" }));
    });
    // Headers must arrive promptly too; node answers 408 itself when they do not.
    this.server.headersTimeout = 10_000;
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
    const fresh = this.deliveries.check(deliveryId, timestampSeconds, this.now());
    if (fresh.kind === "refuse") return this.refuse(req, res, fresh);
    const json = parseJson(body.value);
    if (json.kind === "refuse") return this.refuse(req, res, json, body.value, deliveryId);
    const mapped = mapper(json.value, {
      source: this.options.source,
      tenant: this.options.tenant ?? "default",
    });
    if (mapped.kind === "invalid") {
      const step = refuse<never>(422, "invalid-payload", mapped.reason, {
        path: mapped.path,
        deadLetter: true,
      });
      return this.refuse(req, res, step, body.value, deliveryId);
    }
    try {
      await publishEvents(this.options.log, mapped.events);
    } catch (error) {
      if (error instanceof RecordRejectedError) {
        // The mapper let through what the event schema refuses: still the sender's body, still a 422.
        const step = refuse<never>(422, "invalid-payload", error.message, { deadLetter: true });
        return this.refuse(req, res, step, body.value, deliveryId);
      }
      return this.refuse(req, res, refuse<never>(503, "log-unavailable", "event log unavailable, retry"));
    }
    this.deliveries.remember(deliveryId, timestampSeconds);
    this.counters.accepted += 1;
    this.reply(res, 202, { accepted: mapped.events.length, ids: mapped.events.map((e) => e.id) });
  }

  private async refuse(
    req: IncomingMessage,
    res: ServerResponse,
    step: Step<never> | { kind: "refuse"; refusal: Refusal },
    raw?: Buffer,
    deliveryId?: string,
  ): Promise<void> {
    if (step.kind !== "refuse") return;
    const r = step.refusal;
    this.counters[r.outcome] += 1;
    if (r.deadLetter && raw !== undefined) {
      const reason = r.path === undefined ? r.reason : `${r.path}: ${r.reason}`;
      await this.options.log.publish(Topics.deadLetter, [
        rejectedInputRecord(deliveryId ?? this.options.source, raw, {
          reason,
          step: `${this.options.source}.${r.outcome}`,
        }),
      ]);
    }
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
