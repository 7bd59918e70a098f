import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { corkForTurn } from "../cork";
import { DeliveryWindow } from "./deliveries";
import type { Intake } from "./intake";
import { verifySignature } from "./signature";
import { deliveryIdOf, parseSocketMessage } from "./socket-message";
import type { PayloadMapper, Refusal } from "./step";

export interface SocketOptions {
  secrets: readonly string[];
  routes: Record<string, PayloadMapper>;
  replayWindowSeconds?: number;
  maxMessageBytes?: number;
  maxInFlightPerSocket?: number;
  now: () => number;
}

type Answer =
  | { deliveryId: string; status: "accepted"; ids: string[] }
  | { deliveryId: string | null; status: "rejected"; reason: string; path?: string };

/**
 * WebSocket endpoints on the gateway's server. The upgrade is signed like a webhook (the signed
 * bytes are `GET <path>`, the delivery header is a connection id) and refused with a plain HTTP
 * status before any handshake. Each text message is `{deliveryId, event}`; the event goes through
 * the same intake as a webhook body and is answered on the socket only once it is on the log.
 */
export class SocketEndpoints {
  private readonly wss: WebSocketServer;
  /** Connection ids, so a captured upgrade cannot be replayed within the freshness window. */
  private readonly connections: DeliveryWindow;

  constructor(
    server: Server,
    private readonly intake: Intake,
    private readonly options: SocketOptions,
  ) {
    this.connections = new DeliveryWindow(options.replayWindowSeconds ?? 300);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 1_048_576 });
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const mapper = this.options.routes[path];
    if (mapper === undefined) {
      this.deny(socket, { status: 404, reason: `no endpoint ${path}` });
      return;
    }
    const signed = verifySignature(req.headers, Buffer.from(`GET ${path}`), this.options.secrets);
    const fresh =
      signed.kind === "refuse"
        ? signed
        : this.connections.check(signed.value.deliveryId, signed.value.timestampSeconds, this.options.now());
    if (fresh.kind === "refuse" || signed.kind === "refuse") {
      if (fresh.kind === "refuse") this.deny(socket, fresh.refusal);
      return;
    }
    const { deliveryId, timestampSeconds } = signed.value;
    this.connections.remember(deliveryId, timestampSeconds);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, socket, mapper));
  }

  private deny(socket: Duplex, refusal: Pick<Refusal, "status" | "reason"> & Partial<Refusal>): void {
    if (refusal.outcome !== undefined) this.intake.counters[refusal.outcome] += 1;
    const body = JSON.stringify({ error: refusal.reason });
    const head = `HTTP/1.1 ${refusal.status} ${refusal.status === 404 ? "Not Found" : refusal.status === 409 ? "Conflict" : "Unauthorized"}`;
    socket.end(
      `${head}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }

  private serve(ws: WebSocket, socket: Duplex, mapper: PayloadMapper): void {
    const cap = this.options.maxInFlightPerSocket ?? 64;
    let inFlight = 0;
    // The answers one append to the log settles leave in one writev (ws writes each message to
    // this socket at once; at load that was ~2% of the platform's main thread).
    const send = (answer: Answer) => {
      if (ws.readyState !== ws.OPEN) return;
      corkForTurn(socket);
      ws.send(JSON.stringify(answer));
    };
    // ws closes with 1009 itself when a message passes maxPayload and reports it here.
    ws.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") this.intake.counters["too-large"] += 1;
    });
    ws.on("message", (data: RawData, isBinary: boolean) => {
      const raw = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data);
      if (isBinary) {
        ws.close(1003, "text messages only");
        return;
      }
      if (inFlight >= cap) {
        // Not dead-lettered: nothing is wrong with the bytes, the sender resends them later.
        this.intake.counters.busy += 1;
        send({ deliveryId: deliveryIdOf(raw), status: "rejected", reason: `over ${cap} in flight` });
        return;
      }
      inFlight += 1;
      void this.message(raw, mapper)
        .then(send)
        .catch(() => send({ deliveryId: deliveryIdOf(raw), status: "rejected", reason: "internal error" }))
        .finally(() => {
          inFlight -= 1;
        });
    });
  }

  private async message(raw: Buffer, mapper: PayloadMapper): Promise<Answer> {
    const parsed = parseSocketMessage(raw);
    if (parsed.kind === "refuse") return this.reject(parsed.refusal, raw, deliveryIdOf(raw));
    const { deliveryId, event } = parsed.value;
    const nowSeconds = Math.floor(this.options.now() / 1000);
    const fresh = this.intake.deliveries.check(deliveryId, nowSeconds, this.options.now());
    if (fresh.kind === "refuse") return this.reject(fresh.refusal, raw, deliveryId);
    const done = await this.intake.deliver(
      event,
      mapper,
      { id: deliveryId, timestampSeconds: nowSeconds },
      "event.",
    );
    if (done.kind === "refuse") return this.reject(done.refusal, raw, deliveryId);
    return { deliveryId, status: "accepted", ids: done.value };
  }

  private async reject(refusal: Refusal, raw: Buffer, deliveryId: string | null): Promise<Answer> {
    await this.intake.record(refusal, raw, deliveryId ?? undefined);
    return {
      deliveryId,
      status: "rejected",
      reason: refusal.reason,
      ...(refusal.path === undefined ? {} : { path: refusal.path }),
    };
  }
}
