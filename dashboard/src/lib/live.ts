import { type Client, createClient } from "graphql-ws";

// One graphql-ws connection per signed-in key, shared by every live panel. It keeps a heartbeat
// (graphql-ws ping every second, the server's pong or any message counts as "heard") and a watchdog:
// a silent socket is terminated and re-dialled, and the badge turns "stale" within seconds of the
// server going away instead of showing yesterday's numbers as if they were live.

export type ConnectionPhase = "connecting" | "live" | "reconnecting" | "stale";

export interface ConnectionState {
  phase: ConnectionPhase;
  /** When anything last arrived from the server (epoch ms), null before the first message. */
  lastHeardAt: number | null;
  /** When subscription data last arrived (epoch ms). */
  lastDataAt: number | null;
}

const pingEveryMs = 1_000;
/** No pong or message for this long on an open socket: it is dead even if TCP has not said so. */
const silenceLimitMs = 2_500;
/** Disconnected for this long: the numbers on screen are stale, say so. */
const staleAfterMs = 1_500;

export function wsUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http(s?):/, "ws$1:");
}

export class LiveConnection {
  private readonly client: Client;
  private state: ConnectionState = { phase: "connecting", lastHeardAt: null, lastDataAt: null };
  private readonly listeners = new Set<() => void>();
  private open = false;
  private lostAt: number | null = null;
  private readonly watchdog: ReturnType<typeof setInterval>;

  constructor(httpUrl: string, key: string) {
    this.client = createClient({
      url: wsUrlOf(httpUrl),
      connectionParams: { authorization: `Bearer ${key}` },
      keepAlive: pingEveryMs,
      // Connected even on pages without subscriptions: the badge then tells whether the API is reachable.
      lazy: false,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: async (retries) => {
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** retries, 2_000)));
      },
      on: {
        connected: () => {
          this.open = true;
          this.lostAt = null;
          this.heard();
        },
        closed: () => this.lost(),
        error: () => this.lost(),
        pong: () => this.heard(),
        message: () => this.heard(),
      },
    });
    this.watchdog = setInterval(() => this.check(), 250);
  }

  getState = (): ConnectionState => this.state;

  onChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Subscribes to one document; `onData` gets each message's data. Returns the unsubscribe. */
  subscribe<T>(query: string, onData: (data: T) => void, onError?: (message: string) => void): () => void {
    return this.client.subscribe<T>(
      { query },
      {
        next: (message) => {
          if (message.errors?.length) onError?.(message.errors.map((e) => e.message).join("; "));
          if (message.data) {
            this.set({ ...this.state, lastDataAt: Date.now() });
            onData(message.data as T);
          }
        },
        error: (err) => onError?.(err instanceof Error ? err.message : "subscription closed"),
        complete: () => {},
      },
    );
  }

  dispose(): void {
    clearInterval(this.watchdog);
    this.listeners.clear();
    void this.client.dispose();
  }

  private heard(): void {
    this.set({ ...this.state, lastHeardAt: Date.now(), phase: this.open ? "live" : this.state.phase });
  }

  private lost(): void {
    if (this.open || this.lostAt === null) this.lostAt = Date.now();
    this.open = false;
    this.check();
  }

  private check(): void {
    const now = Date.now();
    if (this.open && this.state.lastHeardAt !== null && now - this.state.lastHeardAt > silenceLimitMs) {
      // The socket says open but nothing comes back: drop it; graphql-ws dials again (4499 retries).
      this.open = false;
      this.lostAt = this.state.lastHeardAt;
      this.client.terminate();
    }
    let phase: ConnectionPhase;
    if (this.open) phase = "live";
    else if (this.state.lastHeardAt === null) phase = "connecting";
    else phase = this.lostAt !== null && now - this.lostAt > staleAfterMs ? "stale" : "reconnecting";
    if (phase !== this.state.phase) this.set({ ...this.state, phase });
  }

  private set(next: ConnectionState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
