import { randomUUID } from "node:crypto";
import { channelHeaders, channelRow, type FsChannel } from "./channel";
import type { Header } from "./render";

export interface EmittedEvent {
  name: string;
  subclass?: string;
  headers: Header[];
  body?: string;
}

export interface SwitchOptions {
  hostname?: string;
  /** Start of the emulated clock, microseconds since the epoch. */
  startMicros?: number;
}

/**
 * The emulated FreeSWITCH core: channels, a controllable clock, and the events each action fires
 * (the order and headers FreeSWITCH uses). Scenario methods play a call; `api()` answers the
 * commands the platform sends. Event-socket connections subscribe to `onEvent`.
 */
export class FsSwitch {
  readonly coreUuid = randomUUID();
  readonly hostname: string;
  private clock: number;
  private sequence = 0;
  private readonly channels = new Map<string, FsChannel>();
  /** Hung-up channels stay reachable as a peer: a B-leg's events still carry its originator's profile. */
  private readonly gone = new Map<string, FsChannel>();
  private readonly listeners = new Set<(event: EmittedEvent) => void>();

  constructor(options: SwitchOptions = {}) {
    this.hostname = options.hostname ?? "fs-emulator";
    this.clock = options.startMicros ?? Date.UTC(2026, 10, 30, 9, 0, 0) * 1000;
  }

  now(): number {
    return this.clock;
  }

  /** Moves the emulated clock forward (events are stamped with it, never with the host's clock). */
  advance(seconds: number): void {
    this.clock += Math.round(seconds * 1e6);
  }

  onEvent(listener: (event: EmittedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  channel(uuid: string): FsChannel | undefined {
    return this.channels.get(uuid);
  }

  liveChannels(): FsChannel[] {
    return [...this.channels.values()];
  }

  /** switch_event.c's common headers, then the event's own. */
  fire(name: string, headers: Header[], options: { subclass?: string; body?: string } = {}): void {
    const date = new Date(Math.floor(this.clock / 1000));
    const iso = date.toISOString();
    const event: EmittedEvent = {
      name,
      headers: [
        ["Event-Name", name],
        ...(options.subclass === undefined ? [] : ([["Event-Subclass", options.subclass]] as Header[])),
        ["Core-UUID", this.coreUuid],
        ["FreeSWITCH-Hostname", this.hostname],
        ["FreeSWITCH-Switchname", this.hostname],
        ["FreeSWITCH-IPv4", "127.0.0.1"],
        ["FreeSWITCH-IPv6", "::1"],
        ["Event-Date-Local", `${iso.slice(0, 10)} ${iso.slice(11, 19)}`],
        ["Event-Date-GMT", date.toUTCString()],
        ["Event-Date-Timestamp", String(this.clock)],
        ["Event-Calling-File", "fs_emulator.c"],
        ["Event-Calling-Function", name.toLowerCase()],
        ["Event-Calling-Line-Number", "1"],
        ["Event-Sequence", String(++this.sequence)],
        ...headers,
      ],
      ...(options.subclass === undefined ? {} : { subclass: options.subclass }),
      ...(options.body === undefined ? {} : { body: options.body }),
    };
    for (const listener of this.listeners) listener(event);
  }

  fireChannel(name: string, ch: FsChannel, extra: Header[] = [], subclass?: string): void {
    const peer =
      ch.other === undefined ? undefined : (this.channels.get(ch.other.uuid) ?? this.gone.get(ch.other.uuid));
    this.fire(name, [...channelHeaders(ch, peer), ...extra], subclass === undefined ? {} : { subclass });
  }

  createChannel(init: {
    direction: "inbound" | "outbound";
    cidNumber: string;
    destination: string;
    name?: string;
    variables?: Record<string, string>;
    uuid?: string;
  }): FsChannel {
    const uuid = init.uuid ?? randomUUID();
    const ch: FsChannel = {
      uuid,
      name: init.name ?? `sofia/internal/${init.cidNumber}@${this.hostname}`,
      direction: init.direction,
      state: "CS_INIT",
      callState: "DOWN",
      answerState: "ringing",
      cidName: init.cidNumber,
      cidNumber: init.cidNumber,
      destination: init.destination,
      context: "default",
      createdMicros: this.clock,
      answeredMicros: 0,
      bridgedMicros: 0,
      hangupMicros: 0,
      holdStartMicros: 0,
      holdAccumMicros: 0,
      variables: new Map(Object.entries(init.variables ?? {})),
    };
    this.channels.set(uuid, ch);
    this.fireChannel("CHANNEL_CREATE", ch);
    return ch;
  }

  answer(ch: FsChannel): void {
    if (ch.answeredMicros !== 0) return;
    ch.answeredMicros = this.clock;
    ch.answerState = "answered";
    ch.callState = "ACTIVE";
    ch.state = "CS_EXECUTE";
    this.fireChannel("CHANNEL_ANSWER", ch);
  }

  execute(ch: FsChannel, application: string, data: string): void {
    ch.application = application;
    ch.applicationData = data;
    this.fireChannel("CHANNEL_EXECUTE", ch, [
      ["Application", application],
      ["Application-Data", data],
      ["Application-UUID", randomUUID()],
    ]);
  }

  /** An agent leg originated from `a` (Other-Type originator on the B-leg), answered and bridged. */
  originateLeg(a: FsChannel, destination: string, variables: Record<string, string> = {}): FsChannel {
    const b = this.createChannelLinked(a, destination, variables);
    return b;
  }

  private createChannelLinked(
    a: FsChannel,
    destination: string,
    variables: Record<string, string>,
  ): FsChannel {
    const uuid = randomUUID();
    const b: FsChannel = {
      uuid,
      name: `sofia/internal/${destination}@${this.hostname}`,
      direction: "outbound",
      state: "CS_INIT",
      callState: "DOWN",
      answerState: "ringing",
      cidName: a.cidName,
      cidNumber: a.cidNumber,
      destination,
      context: "default",
      createdMicros: this.clock,
      answeredMicros: 0,
      bridgedMicros: 0,
      hangupMicros: 0,
      holdStartMicros: 0,
      holdAccumMicros: 0,
      other: { uuid: a.uuid, type: "originator" },
      variables: new Map(Object.entries(variables)),
    };
    this.channels.set(uuid, b);
    this.fireChannel("CHANNEL_CREATE", b);
    return b;
  }

  bridge(a: FsChannel, b: FsChannel): void {
    a.other = { uuid: b.uuid, type: "originatee" };
    b.other = { uuid: a.uuid, type: "originator" };
    a.bridgedMicros = this.clock;
    b.bridgedMicros = this.clock;
    // switch_ivr_bridge.c fires CHANNEL_BRIDGE on the A-leg with both uuids.
    this.fireChannel("CHANNEL_BRIDGE", a, [
      ["Bridge-A-Unique-ID", a.uuid],
      ["Bridge-B-Unique-ID", b.uuid],
    ]);
  }

  unbridge(a: FsChannel): void {
    if (a.other === undefined) return;
    const b = a.other.uuid;
    this.fireChannel("CHANNEL_UNBRIDGE", a, [
      ["Bridge-A-Unique-ID", a.uuid],
      ["Bridge-B-Unique-ID", b],
    ]);
  }

  hold(ch: FsChannel, on: boolean): void {
    if (on) {
      ch.holdStartMicros = this.clock;
      ch.callState = "HELD";
    } else {
      ch.holdAccumMicros += this.clock - ch.holdStartMicros;
      ch.holdStartMicros = 0;
      ch.callState = "ACTIVE";
    }
    this.fireChannel(on ? "CHANNEL_HOLD" : "CHANNEL_UNHOLD", ch);
  }

  dtmf(ch: FsChannel, digit: string): void {
    this.fireChannel("DTMF", ch, [
      ["DTMF-Digit", digit],
      ["DTMF-Duration", "2000"],
      ["DTMF-Source", "APP"],
    ]);
  }

  /** Hangup of one channel (and, like a bridge does, of its other leg), with the CDR variables. */
  hangup(ch: FsChannel, cause = "NORMAL_CLEARING", disposition = "recv_bye"): void {
    if (!this.channels.has(ch.uuid)) return;
    ch.hangupCause = cause;
    ch.hangupMicros = this.clock;
    ch.answerState = "hangup";
    ch.callState = "HANGUP";
    ch.state = "CS_HANGUP";
    this.fireChannel("CHANNEL_HANGUP", ch);
    const seconds = (from: number) => (from === 0 ? 0 : Math.floor((this.clock - from) / 1e6));
    // switch_channel_set_timestamps: duration, billsec, waitsec, hold_accum_seconds...
    ch.variables.set("hangup_cause", cause);
    ch.variables.set("sip_hangup_disposition", disposition);
    ch.variables.set("duration", String(seconds(ch.createdMicros)));
    ch.variables.set("billsec", String(seconds(ch.answeredMicros)));
    ch.variables.set(
      "waitsec",
      String(ch.answeredMicros === 0 ? 0 : Math.floor((ch.answeredMicros - ch.createdMicros) / 1e6)),
    );
    ch.variables.set("hold_accum_seconds", String(Math.floor(ch.holdAccumMicros / 1e6)));
    ch.state = "CS_REPORTING";
    this.fireChannel("CHANNEL_HANGUP_COMPLETE", ch);
    ch.state = "CS_DESTROY";
    this.fireChannel("CHANNEL_DESTROY", ch);
    this.channels.delete(ch.uuid);
    this.gone.set(ch.uuid, ch);
    if (this.gone.size > 1_000) {
      const oldest = this.gone.keys().next().value;
      if (oldest !== undefined) this.gone.delete(oldest);
    }
    const other = ch.other === undefined ? undefined : this.channels.get(ch.other.uuid);
    if (other !== undefined)
      this.hangup(other, cause, disposition.startsWith("recv_") ? "send_bye" : "recv_bye");
  }

  showChannelsJson(): string {
    const rows = this.liveChannels().map(channelRow);
    return JSON.stringify(rows.length === 0 ? { row_count: 0 } : { row_count: rows.length, rows });
  }
}
