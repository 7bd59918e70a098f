import type { Socket } from "node:net";
import { WebSocket } from "ws";
import { corkForTurn } from "../cork";
import { sign } from "../http/signature";

interface Pending {
  resolve: () => void;
}

interface StreamSocket {
  ws: WebSocket;
  inFlight: number;
  /** The TCP socket under `ws`, corked for the rest of a turn once a message is written. */
  tcp: Socket | undefined;
}

/**
 * The chat platform's WebSocket stream to the chat gateway (`/chat/stream`): the same payloads as
 * the webhook, one message each, answered by delivery id. Much cheaper per event than a POST, so
 * load runs use it. A few sockets, each kept under the gateway's in-flight cap; beyond that,
 * messages wait here.
 */
export class ChatStream {
  accepted = 0;
  errors = 0;
  lastError: string | undefined;
  private readonly sockets: StreamSocket[] = [];
  private readonly pending = new Map<string, Pending & { socket: { inFlight: number } }>();
  private readonly backlog: { id: string; text: string; resolve: () => void }[] = [];
  private delivery = 0;
  private next = 0;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly runId: string,
    private readonly maxInFlight = 48,
  ) {}

  get inFlight(): number {
    return this.pending.size + this.backlog.length;
  }

  async open(count = 4): Promise<void> {
    const path = new URL(this.url).pathname;
    for (let i = 0; i < count; i++) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const ws = new WebSocket(this.url, {
        headers: {
          "x-starboard-timestamp": timestamp,
          "x-starboard-delivery": `${this.runId}-stream-${i}-${Date.now()}`,
          "x-starboard-signature": sign(this.secret, timestamp, `GET ${path}`),
        },
      });
      let tcp: Socket | undefined;
      ws.once("upgrade", (response) => {
        tcp = response.socket as Socket;
      });
      await new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", (e) => reject(new Error(`chat stream ${this.url}: ${e.message}`)));
      });
      const socket: StreamSocket = { ws, inFlight: 0, tcp };
      ws.on("message", (data) => this.answer(String(data)));
      ws.on("error", (e) => this.fail(e.message));
      // A socket the gateway closed answers nothing more: its pending messages fail, the rest go on.
      ws.on("close", (code) => this.dropSocket(socket, code));
      this.sockets.push(socket);
    }
  }

  send(body: object): Promise<void> {
    this.delivery += 1;
    const id = `${this.runId}-s${this.delivery}`;
    const text = JSON.stringify({ deliveryId: id, event: body });
    return new Promise((resolve) => {
      this.backlog.push({ id, text, resolve });
      this.pump();
    });
  }

  close(): void {
    this.closed = true;
    for (const s of this.sockets) s.ws.terminate();
    for (const p of this.pending.values()) p.resolve();
    for (const b of this.backlog) b.resolve();
    this.pending.clear();
    this.backlog.length = 0;
  }

  private pump(): void {
    while (this.backlog.length > 0) {
      const socket = this.pickSocket();
      if (socket === undefined) return;
      const item = this.backlog.shift();
      if (item === undefined) return;
      socket.inFlight += 1;
      this.pending.set(item.id, { resolve: item.resolve, socket });
      // What the simulated clock sends in one go leaves in one writev (at load, a write per
      // message was ~4% of the load generator's thread).
      if (socket.tcp !== undefined) corkForTurn(socket.tcp);
      socket.ws.send(item.text);
    }
  }

  private pickSocket(): StreamSocket | undefined {
    for (let i = 0; i < this.sockets.length; i++) {
      const s = this.sockets[(this.next + i) % this.sockets.length];
      if (s !== undefined && s.inFlight < this.maxInFlight && s.ws.readyState === WebSocket.OPEN) {
        this.next = (this.next + i + 1) % this.sockets.length;
        return s;
      }
    }
    return undefined;
  }

  private dropSocket(socket: { inFlight: number }, code: number): void {
    for (const [id, p] of this.pending) {
      if (p.socket !== socket) continue;
      this.pending.delete(id);
      this.fail(`chat stream closed (${code}) with ${id} unanswered`);
      p.resolve();
    }
    socket.inFlight = 0;
    this.pump();
  }

  private answer(text: string): void {
    let a: { deliveryId?: string; status?: string; ids?: string[]; reason?: string; path?: string };
    try {
      a = JSON.parse(text) as typeof a;
    } catch {
      this.fail(`chat stream answered something that is not JSON: ${text.slice(0, 100)}`);
      return;
    }
    const pending = a.deliveryId === undefined ? undefined : this.pending.get(a.deliveryId);
    if (pending === undefined || a.deliveryId === undefined) return;
    this.pending.delete(a.deliveryId);
    pending.socket.inFlight -= 1;
    if (a.status === "accepted") this.accepted += a.ids?.length ?? 0;
    else this.fail(`chat stream refused ${a.deliveryId}: ${a.path ?? ""} ${a.reason ?? a.status}`);
    pending.resolve();
    this.pump();
  }

  private fail(message: string): void {
    if (this.closed) return;
    this.errors += 1;
    this.lastError = message;
  }
}
