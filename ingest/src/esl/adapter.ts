import {
  type EventLog,
  eslReconnects,
  publishEvents,
  RecentIds,
  rejectedInputRecord,
  type StarboardEvent,
  Topics,
} from "@starboard/core";
import { EslClient, type EslClientOptions } from "./client";
import type { EslFrameError, FrameResult } from "./frame-types";
import { EslMapper, type MapperOptions } from "./mapper";
import { channelsToEvents, strepochMicros } from "./resync";

export interface EslAdapterOptions extends EslClientOptions {
  log: EventLog;
  mapper?: Partial<MapperOptions>;
  backoff?: { initialMs?: number; maxMs?: number };
}

export interface EslCounters {
  connects: number;
  disconnects: number;
  frames: number;
  published: number;
  /** Events the log refused (it was down): counted, and published again by the next resync. */
  publishFailures: number;
  duplicates: number;
  dropped: number;
  deadLettered: number;
  frameErrors: Record<string, number>;
}

/**
 * The channel events and mod_callcenter's. BACKGROUND_JOB and CHANNEL_EXECUTE_COMPLETE are listed
 * (before CUSTOM) so modesl does not append them after CUSTOM, where FreeSWITCH would read them as
 * subclass names; CUSTOM and its subclass come last.
 */
export const subscribedEvents = [
  "CHANNEL_CREATE",
  "CHANNEL_ANSWER",
  "CHANNEL_EXECUTE",
  "CHANNEL_BRIDGE",
  "CHANNEL_UNBRIDGE",
  "CHANNEL_HOLD",
  "CHANNEL_UNHOLD",
  "CHANNEL_HANGUP_COMPLETE",
  "DTMF",
  "RECORD_START",
  "RECORD_STOP",
  "BACKGROUND_JOB",
  "CHANNEL_EXECUTE_COMPLETE",
  "CUSTOM",
  "callcenter::info",
] as const;

/** Ids published recently: a resync or a double report must not reach the log twice. */
const rememberIds = 100_000;

/**
 * FreeSWITCH -> event log. Connects (modesl), subscribes, resyncs live calls from `show channels
 * as json`, maps every event and publishes it; reconnects with exponential backoff. Events are
 * handled one at a time in arrival order, so a contact's events stay ordered on the log.
 */
export class EslAdapter {
  readonly counters: EslCounters = {
    connects: 0,
    disconnects: 0,
    frames: 0,
    published: 0,
    publishFailures: 0,
    duplicates: 0,
    dropped: 0,
    deadLettered: 0,
    frameErrors: {},
  };
  readonly mapper: EslMapper;
  private client: EslClient | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly published = new RecentIds(rememberIds);
  private outgoing: StarboardEvent[] = [];
  private flushing: Promise<void> | undefined;
  private stopping = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly connectedListeners = new Set<() => void>();

  constructor(private readonly options: EslAdapterOptions) {
    this.mapper = new EslMapper(options.mapper);
  }

  /** Resolves once connected, subscribed and resynced the first time. */
  start(): Promise<void> {
    const ready = this.nextConnect();
    void this.connect();
    return ready;
  }

  /** Resolves after the next successful connect + resync (tests wait on it after a drop). */
  nextConnect(): Promise<void> {
    return new Promise((resolve) => this.connectedListeners.add(resolve));
  }

  /** Everything received so far is on the log. */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.chain;
      await current;
      await this.flushing;
    } while (current !== this.chain || this.flushing !== undefined);
  }

  /**
   * `api` on the current connection (FsCommandPort, for the command executor). Rejects while
   * disconnected: a command must fail visibly, not wait for a reconnect that may come too late.
   */
  api(command: string): Promise<string> {
    return this.client?.api(command) ?? Promise.reject(new Error("event socket is not connected"));
  }

  /** `bgapi` on the current connection: the BACKGROUND_JOB body. */
  bgapi(command: string): Promise<string> {
    return this.client?.bgapi(command) ?? Promise.reject(new Error("event socket is not connected"));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.client?.close();
    await this.idle();
  }

  private async connect(): Promise<void> {
    if (this.stopping) return;
    let client: EslClient;
    try {
      client = await EslClient.connect(this.options);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.client = client;
    client.onFrame((r) => this.enqueue(() => this.handleFrame(r)));
    client.onClose(() => {
      this.counters.disconnects += 1;
      this.client = undefined;
      this.scheduleReconnect();
    });
    try {
      await client.subscribe(subscribedEvents);
      // The resync instant on FreeSWITCH's clock (asked first, so no round trip sits between the
      // listing and the resync); if the switch will not say, when `show channels` answered here.
      const switchNow = strepochMicros(await client.api("strepoch").catch(() => ""));
      const channels = await client.api("show channels as json");
      const at = switchNow ?? Date.now() * 1000;
      this.enqueue(() => this.resync(channels, at));
      await this.idle();
    } catch {
      client.close();
      return;
    }
    this.attempt = 0;
    // Every connect after the first is a reconnect after a drop (or a failed first resync).
    if (this.counters.connects > 0) eslReconnects.inc();
    this.counters.connects += 1;
    for (const l of this.connectedListeners) l();
    this.connectedListeners.clear();
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.timer !== undefined) return;
    const initial = this.options.backoff?.initialMs ?? 200;
    const max = this.options.backoff?.maxMs ?? 30_000;
    const delay = Math.min(max, initial * 2 ** this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, delay);
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch(() => {
      // A failed publish must not wedge the chain; the next event still goes through.
    });
  }

  private async resync(json: string, atMicros: number): Promise<void> {
    const parsed = channelsToEvents(json);
    if (!parsed.ok) {
      await this.deadLetter("esl:resync", json, parsed.reason, "esl.resync");
      return;
    }
    for (const event of parsed.events) {
      const mapped = this.mapper.map(event);
      if (mapped.kind === "ok") await this.publish(mapped.events);
    }
    const closed = this.mapper.closeVanished(parsed.listed, atMicros);
    if (closed.kind === "ok") await this.publish(closed.events);
    else if (closed.kind === "dlq") await this.deadLetter("esl:resync", json, closed.reason, "esl.resync");
  }

  private async handleFrame(result: FrameResult): Promise<void> {
    this.counters.frames += 1;
    if (!result.ok) {
      await this.frameError(result.error);
      return;
    }
    if (!("event" in result.frame)) return;
    const event = result.frame.event;
    const mapped = this.mapper.map(event);
    if (mapped.kind === "drop") this.counters.dropped += 1;
    else if (mapped.kind === "dlq") {
      const key = event.headers.get("Unique-ID") ?? "esl";
      await this.deadLetter(key, JSON.stringify(event.headers.toObject()), mapped.reason, "esl.map");
    } else await this.publish(mapped.events);
  }

  private async frameError(error: EslFrameError): Promise<void> {
    this.counters.frameErrors[error.code] = (this.counters.frameErrors[error.code] ?? 0) + 1;
    await this.deadLetter("esl:frame", error.raw, `${error.code}: ${error.message}`, "esl.frame");
  }

  private async deadLetter(
    key: string,
    value: Uint8Array | string,
    reason: string,
    step: string,
  ): Promise<void> {
    // The record's time header is when we refused it: there is no source time for garbage.
    await this.options.log.publish(Topics.deadLetter, [rejectedInputRecord(key, value, { reason, step })]);
    this.counters.deadLettered += 1;
  }

  /**
   * Queues mapped events for the log. Frames are mapped in order as they arrive and their events
   * published in batches: one durable write per batch instead of one per frame, so the adapter keeps
   * up with a busy switch (one write per frame capped it near 500 events/s). Batches go out in order,
   * one at a time, so each call's events keep their order on the log.
   */
  private async publish(events: StarboardEvent[]): Promise<void> {
    const fresh = events.filter((e) => !this.published.has(e.id));
    this.counters.duplicates += events.length - fresh.length;
    if (fresh.length === 0) return;
    for (const e of fresh) this.published.add(e.id);
    this.outgoing.push(...fresh);
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    while (this.outgoing.length > 0) {
      const batch = this.outgoing;
      this.outgoing = [];
      try {
        await publishEvents(this.options.log, batch);
        this.counters.published += batch.length;
      } catch {
        // Not on the log: forget the ids, so a resync after reconnecting may publish them again.
        for (const e of batch) this.published.delete(e.id);
        this.counters.publishFailures += batch.length;
      }
    }
    this.flushing = undefined;
  }
}
