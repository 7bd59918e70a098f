/// <reference path="./modesl.d.ts" />
// The ambient modesl types travel with this file, so packages that typecheck ingest from source (cli) see them too.
import { randomUUID } from "node:crypto";
import esl, { type Connection, type Event } from "modesl";
import { corkForTurn } from "../cork";
import { EslFrameParser } from "./frame-parser";
import type { EslFrame, FrameResult } from "./frame-types";

/** What modesl acts on: everything but events (a bgapi's BACKGROUND_JOB is matched here, see bgapi). */
function forModesl(frame: EslFrame): boolean {
  return frame.type !== "text/event-plain" && frame.type !== "text/event-json";
}

export interface EslClientOptions {
  host: string;
  port: number;
  password: string;
  connectTimeoutMs?: number;
  maxBodyBytes?: number;
}

/**
 * A typed wrapper over modesl: modesl authenticates and matches command replies (FIFO), while the
 * raw socket bytes go through our own frame parser, which is what delivers events. That way every
 * malformed frame surfaces as a typed refusal (for the dead-letter topic) instead of disappearing
 * inside modesl's parser. modesl sees only what it acts on (auth, replies, api responses,
 * disconnect): its parser re-concatenates its buffer and url-decodes and emits every event, which
 * at load was 11% of the platform's thread for events nobody read there. A bgapi's BACKGROUND_JOB
 * is matched here too (see bgapi).
 */
export class EslClient {
  private readonly parser: EslFrameParser;
  private readonly frameListeners = new Set<(r: FrameResult) => void>();
  /** bgapi calls waiting for their BACKGROUND_JOB, by Job-UUID. */
  private readonly jobs = new Map<string, (body: string) => void>();
  private readonly closeListeners = new Set<() => void>();
  private closed = false;

  private constructor(
    private readonly conn: Connection,
    maxBodyBytes: number | undefined,
  ) {
    this.parser = new EslFrameParser({
      keepRaw: forModesl,
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
    });
  }

  static connect(options: EslClientOptions): Promise<EslClient> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const conn = new esl.Connection(options.host, options.port, options.password);
      const client = new EslClient(conn, options.maxBodyBytes);
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.shutdown();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error("event socket connect timed out")),
        options.connectTimeoutMs ?? 5_000,
      );
      conn.on("error", (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
      conn.once("esl::event::auth::fail", () => fail(new Error("event socket authentication failed")));
      conn.once("esl::ready", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(client);
      });
      const socket = conn.socket;
      if (socket === null) return fail(new Error("modesl gave no socket"));
      const onData = (chunk: Buffer) => {
        for (const result of client.parser.push(chunk)) {
          if (result.ok && result.raw !== undefined) conn.parser?._onData(result.raw);
          if (result.ok) client.settleJob(result.frame);
          for (const l of client.frameListeners) l(result);
        }
      };
      socket.on("data", onData);
      // modesl's connect handler (registered first, so it has run) gave its parser the socket's data:
      // take it back; frames modesl needs reach it through onData.
      socket.once("connect", () => {
        for (const l of socket.listeners("data"))
          if (l !== onData) socket.removeListener("data", l as (chunk: Buffer) => void);
      });
      socket.on("close", () => client.shutdown());
    });
  }

  /** Event frames and refusals (command replies are modesl's business). */
  onFrame(listener: (result: FrameResult) => void): void {
    this.frameListeners.add((r) => {
      if (!r.ok && r.error !== undefined) listener(r);
      else if (r.ok && (r.frame.type === "text/event-plain" || r.frame.type === "text/event-json"))
        listener(r);
    });
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.add(listener);
  }

  /** `event plain ...`: list BACKGROUND_JOB before CUSTOM, and CUSTOM's subclasses last. */
  subscribe(names: readonly string[]): Promise<string> {
    return new Promise((resolve) =>
      this.conn.events("plain", [...names], (e: Event) => resolve(e.getHeader("Reply-Text") ?? "")),
    );
  }

  /** `api`: runs inline on FreeSWITCH (and stalls this connection's events meanwhile). */
  api(command: string): Promise<string> {
    return this.whileOpen((done) => this.conn.api(command, (e: Event) => done(e.getBody())));
  }

  /**
   * `bgapi`: the BACKGROUND_JOB body, `+OK ...` or `-ERR ...`. modesl sends the command under our
   * Job-UUID and matches only its reply; the job's event is matched here from the frame our parser
   * already made. Left to modesl, each job cost a uuid from `randomBytes` (a syscall each), a second
   * parse of the event and a wildcard listener added and pruned: ~1.5% of the platform's thread at
   * ~190 commands/s (--simulator load --speed 50).
   */
  bgapi(command: string): Promise<string> {
    const [cmd = "", ...args] = command.split(" ");
    const jobId = randomUUID();
    return this.whileOpen((done) => {
      this.jobs.set(jobId, done);
      this.conn.bgapi(cmd, args.join(" "), jobId);
    });
  }

  private settleJob(frame: EslFrame): void {
    if (this.jobs.size === 0 || !("event" in frame)) return;
    if (frame.event.headers.get("Event-Name") !== "BACKGROUND_JOB") return;
    const jobId = frame.event.headers.get("Job-UUID");
    if (jobId === undefined) return;
    const done = this.jobs.get(jobId);
    if (done === undefined) return;
    this.jobs.delete(jobId);
    done(frame.event.body ?? "");
  }

  private whileOpen(run: (done: (body: string) => void) => void): Promise<string> {
    if (this.closed) return Promise.reject(new Error("event socket is closed"));
    // modesl writes a command as three writes (the command, its Job-UUID header, the blank line),
    // each a syscall and a wake-up of the switch's reader; corked, a turn's commands leave together.
    const socket = this.conn.socket;
    if (socket !== null) corkForTurn(socket);
    return new Promise((resolve, reject) => {
      const onClose = () => reject(new Error("event socket closed before the reply"));
      this.closeListeners.add(onClose);
      run((body) => {
        this.closeListeners.delete(onClose);
        resolve(body);
      });
    });
  }

  close(): void {
    if (this.closed) return;
    try {
      this.conn.disconnect();
    } catch {
      // Already gone: closing is best effort.
    }
    this.shutdown();
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.conn.socket?.destroy();
    this.jobs.clear();
    for (const l of this.closeListeners) l();
    this.closeListeners.clear();
  }
}
