import { Agent, request } from "node:http";
import { type EventLog, publishEvents, type StarboardEvent } from "@starboard/core";
import { sign } from "../http/signature";

/**
 * Events the simulator publishes itself (agent desktop, speech-to-text, surveys), in the order they
 * were added: one publishEvents call in flight, and what is added meanwhile goes as the next one.
 *
 * Why one in flight rather than one publish per flush: the simulator flushes every 5 ms, and a
 * publish through the load generator's port to the platform's log takes longer than that at load.
 * Chained one per flush, the publishes queued behind each other: at --simulator load --speed 50 an
 * event waited 200-500 ms (p50; p90 600-900 ms) to reach the log, 10-25 s of simulated time. The
 * desktop's contact.ended frees the agent, so agents sat idle about 54 s (simulated) between
 * contacts while callers queued and abandoned.
 */
export class Outbox {
  private pending: StarboardEvent[] = [];
  private waiters: (() => void)[] = [];
  private running: Promise<void> | undefined;
  published = 0;
  errors = 0;
  lastError: string | undefined;

  constructor(private readonly log: EventLog) {}

  /** Resolves once the events are on the log (or failed: counted in `errors`). */
  add(...events: StarboardEvent[]): Promise<void> {
    this.pending.push(...events);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Publishes what was added; resolves once nothing added before the call is still unpublished. */
  flush(): Promise<void> {
    if (this.running === undefined && this.pending.length > 0) this.running = this.publishAll();
    return this.running ?? Promise.resolve();
  }

  /** Publishes until nothing is pending, each publish holding everything added while the last ran. */
  private async publishAll(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const events = this.pending;
        const waiters = this.waiters;
        this.pending = [];
        this.waiters = [];
        try {
          await publishEvents(this.log, events);
          this.published += events.length;
        } catch (error) {
          this.errors += 1;
          this.lastError = (error as Error).message;
        }
        for (const w of waiters) w();
      }
    } finally {
      this.running = undefined;
    }
  }
}

/** A reset on a reused kept-alive socket before any answer. */
class StaleSocketError extends Error {}

/** Signed webhook posts (the chat platform's and the ticket system's), as ingest/src/http expects. */
export class WebhookSender {
  private delivery = 0;
  accepted = 0;
  errors = 0;
  inFlight = 0;
  lastError: string | undefined;

  constructor(
    private readonly secret: string,
    private readonly runId: string,
  ) {}

  /**
   * node:http with kept-alive sockets: fetch costs several times the CPU per request at load. A
   * socket left idle for 4 s is closed here, before the gateway's 5 s keep-alive timeout (Node's
   * default) closes it under a request.
   */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32, timeout: 4_000 });

  async post(url: string, body: object): Promise<void> {
    const raw = JSON.stringify(body);
    // The signature's timestamp is the wall clock (the gateway's freshness window), never simulated time.
    const timestamp = String(Math.floor(Date.now() / 1000));
    this.delivery += 1;
    this.inFlight += 1;
    const headers = {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(raw)),
      "x-starboard-timestamp": timestamp,
      "x-starboard-delivery": `${this.runId}-${this.delivery}`,
      "x-starboard-signature": sign(this.secret, timestamp, raw),
    };
    try {
      // A kept-alive socket the gateway closed as idle just as we reused it: the request never got
      // there (Node's documented keep-alive race), so it is sent once more, same delivery id, on a
      // new connection: the agent's other free sockets idled as long and may be closed too (with
      // two of them stale, a retry through the agent failed as well: "socket hang up").
      const { status, text } = await this.send(url, raw, headers, this.agent).catch((error: unknown) => {
        if (error instanceof StaleSocketError) return this.send(url, raw, headers, false);
        throw error;
      });
      if (status !== 202) throw new Error(`${url} answered ${status}: ${text.slice(0, 300)}`);
      this.accepted += (JSON.parse(text) as { accepted: number }).accepted;
    } catch (error) {
      // Requests cut by close() (stop with posts still queued) are not failures of the gateway.
      if (!this.closed) {
        this.errors += 1;
        this.lastError = (error as Error).message;
      }
    } finally {
      this.inFlight -= 1;
    }
  }

  private send(
    url: string,
    raw: string,
    headers: Record<string, string>,
    agent: Agent | false,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method: "POST", headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      });
      req.on("error", (error: NodeJS.ErrnoException) =>
        reject(req.reusedSocket && error.code === "ECONNRESET" ? new StaleSocketError(error.message) : error),
      );
      req.end(raw);
    });
  }

  private closed = false;

  close(): void {
    this.closed = true;
    this.agent.destroy();
  }
}
