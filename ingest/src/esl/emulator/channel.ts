import type { Header } from "./render";

/** One emulated FreeSWITCH channel: what switch_channel_event_set_data puts on its events. */
export interface FsChannel {
  uuid: string;
  name: string;
  direction: "inbound" | "outbound";
  state: string;
  callState: "DOWN" | "RINGING" | "ACTIVE" | "HELD" | "HANGUP";
  answerState: "ringing" | "answered" | "hangup";
  cidName: string;
  cidNumber: string;
  destination: string;
  context: string;
  createdMicros: number;
  answeredMicros: number;
  bridgedMicros: number;
  hangupMicros: number;
  holdStartMicros: number;
  holdAccumMicros: number;
  /** The other leg, and whether this channel originated it (Other-Type originatee) or was originated. */
  other?: { uuid: string; type: "originator" | "originatee" };
  application?: string;
  applicationData?: string;
  hangupCause?: string;
  variables: Map<string, string>;
}

const t = (micros: number) => String(micros);

/** Channel data headers, in FreeSWITCH's order (switch_channel.c, switch_caller.c). */
export function channelHeaders(ch: FsChannel, peer: FsChannel | undefined): Header[] {
  const h: Header[] = [
    ["Channel-State", ch.state],
    ["Channel-Call-State", ch.callState],
    ["Channel-Name", ch.name],
    ["Unique-ID", ch.uuid],
    ["Call-Direction", ch.direction],
    ["Presence-Call-Direction", ch.direction],
    ["Channel-HIT-Dialplan", ch.direction === "inbound" ? "true" : "false"],
    ["Channel-Call-UUID", ch.uuid],
    ["Answer-State", ch.answerState],
  ];
  if (ch.hangupCause !== undefined) h.push(["Hangup-Cause", ch.hangupCause]);
  h.push(...profile("Caller", ch));
  if (ch.other !== undefined && peer !== undefined) {
    h.push(["Other-Type", ch.other.type], ...profile("Other-Leg", peer));
  }
  for (const [name, value] of ch.variables) h.push([`variable_${name}`, value]);
  return h;
}

function profile(prefix: string, ch: FsChannel): Header[] {
  return [
    [`${prefix}-Direction`, ch.direction],
    [`${prefix}-Caller-ID-Name`, ch.cidName],
    [`${prefix}-Caller-ID-Number`, ch.cidNumber],
    [`${prefix}-Destination-Number`, ch.destination],
    [`${prefix}-Unique-ID`, ch.uuid],
    [`${prefix}-Context`, ch.context],
    [`${prefix}-Channel-Name`, ch.name],
    [`${prefix}-Channel-Created-Time`, t(ch.createdMicros)],
    [`${prefix}-Channel-Answered-Time`, t(ch.answeredMicros)],
    [`${prefix}-Channel-Bridged-Time`, t(ch.bridgedMicros)],
    [`${prefix}-Channel-Hangup-Time`, t(ch.hangupMicros)],
  ];
}

/** A row of `show channels as json` (the channels table of switch_core_sqldb.c). */
export function channelRow(ch: FsChannel): Record<string, string> {
  const created = new Date(Math.floor(ch.createdMicros / 1000));
  return {
    uuid: ch.uuid,
    direction: ch.direction,
    created: created.toISOString().slice(0, 19).replace("T", " "),
    created_epoch: String(Math.floor(ch.createdMicros / 1e6)),
    name: ch.name,
    state: ch.state,
    cid_name: ch.cidName,
    cid_num: ch.cidNumber,
    ip_addr: "",
    dest: ch.destination,
    application: ch.application ?? "",
    application_data: ch.applicationData ?? "",
    dialplan: "XML",
    context: ch.context,
    callstate: ch.callState,
    callee_name: "",
    callee_num: "",
    callee_direction: "",
    call_uuid: ch.other?.uuid ?? "",
    hostname: "",
    presence_id: "",
    accountcode: "",
  };
}
