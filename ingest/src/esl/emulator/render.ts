import { encodeHeaderValue } from "../url-decode";

export type Header = readonly [string, string];
export type EventFormat = "plain" | "json";

// How mod_event_socket.c puts things on the wire: every frame is headers, a blank line, then
// Content-Length bytes. Events are serialized by switch_event.c (plain: url-encoded values and,
// with a body, `Content-Length: n` + blank line + body; json: an object, `_body` for the body).

export function commandReply(replyText: string, extra: readonly Header[] = []): Buffer {
  const lines = [
    `Content-Type: command/reply`,
    `Reply-Text: ${replyText}`,
    ...extra.map(([n, v]) => `${n}: ${v}`),
  ];
  return Buffer.from(`${lines.join("\n")}\n\n`);
}

export function withBody(contentType: string, body: string, extra: readonly Header[] = []): Buffer {
  const bytes = Buffer.from(body, "utf8");
  const head = [
    `Content-Type: ${contentType}`,
    ...extra.map(([n, v]) => `${n}: ${v}`),
    `Content-Length: ${bytes.length}`,
  ];
  return Buffer.concat([Buffer.from(`${head.join("\n")}\n\n`), bytes]);
}

export function serializeEvent(headers: readonly Header[], format: EventFormat, body?: string): string {
  if (format === "json") {
    const obj: Record<string, string | string[]> = {};
    for (const [name, value] of headers) {
      const prior = obj[name];
      if (prior === undefined) obj[name] = value;
      else obj[name] = Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
    if (body !== undefined && body !== "") {
      obj["Content-Length"] = String(Buffer.byteLength(body));
      obj._body = body;
    }
    return JSON.stringify(obj);
  }
  let out = "";
  for (const [name, value] of headers)
    out += `${name}: ${value === "" ? "_undef_" : encodeHeaderValue(value)}\n`;
  if (body !== undefined && body !== "") return `${out}Content-Length: ${Buffer.byteLength(body)}\n\n${body}`;
  return `${out}\n`;
}

/** The frame around an event (mod_event_socket.c: Content-Length first, then text/event-<fmt>). */
export function eventFrame(headers: readonly Header[], format: EventFormat, body?: string): Buffer {
  const bytes = Buffer.from(serializeEvent(headers, format, body), "utf8");
  return Buffer.concat([
    Buffer.from(`Content-Length: ${bytes.length}\nContent-Type: text/event-${format}\n\n`),
    bytes,
  ]);
}

export const disconnectNotice = (): Buffer =>
  withBody("text/disconnect-notice", "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n");
