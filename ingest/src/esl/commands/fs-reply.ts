import type { FsCommandPort } from "./context";

/** An api/bgapi reply: `+OK <value>` or a bare value (uuid_getvar) is ok; `-ERR ...`/`-USAGE ...` is not. */
export type FsReply = { ok: true; value: string } | { ok: false; error: string };

export function parseReply(body: string): FsReply {
  const text = body.trim();
  if (text.startsWith("-")) return { ok: false, error: text };
  if (text.startsWith("+OK")) return { ok: true, value: text.slice(3).trim() };
  return { ok: true, value: text };
}

/** A lost connection is a failed command too: the supervisor must hear about it, not wait. */
async function call(run: () => Promise<string>): Promise<FsReply> {
  try {
    return parseReply(await run());
  } catch (error) {
    return { ok: false, error: `-ERR not connected to FreeSWITCH (${(error as Error).message})` };
  }
}

export const api = (fs: FsCommandPort, command: string) => call(() => fs.api(command));
export const bgapi = (fs: FsCommandPort, command: string) => call(() => fs.bgapi(command));

/** `{a=b,c=d}` as FreeSWITCH's originate reads channel variables; values must not hold `,` `}` or spaces. */
export function channelVars(vars: Record<string, string>): string {
  const safe = (v: string) => v.replace(/[,}\s]/g, "_");
  return `{${Object.entries(vars)
    .map(([k, v]) => `${k}=${safe(v)}`)
    .join(",")}}`;
}

/** The agent leg bridged to a contact's channel (the bridge sets bridge_uuid on both legs). */
export async function bridgedLeg(fs: FsCommandPort, contactId: string): Promise<FsReply> {
  const reply = await api(fs, `uuid_getvar ${contactId} bridge_uuid`);
  if (reply.ok && (reply.value === "_undef_" || reply.value === "")) {
    return { ok: false, error: `-ERR ${contactId} is not bridged to an agent` };
  }
  return reply;
}
