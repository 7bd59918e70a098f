import fc from "fast-check";
import type { FrameResult } from "../../src/esl/frame-types";

// A model of event-socket frames, written independently of the parser and the emulator's renderer:
// each spec renders to wire bytes and says what the parser must give back for them.

export type Header = readonly [name: string, value: string];

export type FrameSpec =
  | { kind: "plain"; eventName: string; headers: readonly Header[]; body?: string }
  | { kind: "json"; eventName: string; headers: readonly Header[]; body?: string }
  | { kind: "reply"; text: string }
  | { kind: "api"; body: string };

/** Names that cannot collide with the fields the parser treats specially. */
const reserved = new Set(["content-length", "content-type", "event-name", "_body"]);
const headerName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/)
  .filter((n) => !reserved.has(n.toLowerCase()));
/** Any well-formed text: phone numbers, CJK caller names, emoji, line breaks inside values. */
const text = fc.string({ unit: "grapheme", maxLength: 24 });
const headers = fc.uniqueArray(fc.tuple(headerName, text), {
  maxLength: 8,
  selector: ([n]) => n.toLowerCase(),
});
/** Single-line printable text, for outer header values (they are not url-encoded). */
const lineText = fc.string({ unit: "grapheme-ascii", maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, " "));

export const frameSpec: fc.Arbitrary<FrameSpec> = fc.oneof(
  fc.record(
    // An empty plain body is never sent with a Content-Length (there is nothing to carry).
    {
      kind: fc.constant("plain" as const),
      eventName: headerName,
      headers,
      body: text.filter((b) => b !== ""),
    },
    { requiredKeys: ["kind", "eventName", "headers"] },
  ),
  fc.record(
    { kind: fc.constant("json" as const), eventName: headerName, headers, body: text },
    { requiredKeys: ["kind", "eventName", "headers"] },
  ),
  fc.record({ kind: fc.constant("reply" as const), text: lineText }),
  fc.record({ kind: fc.constant("api" as const), body: fc.string({ unit: "grapheme", maxLength: 60 }) }),
);

/** Percent-encodes every byte that is not a letter or digit: valid input for any url decoder. */
function urlEncode(value: string): string {
  let out = "";
  for (const b of Buffer.from(value, "utf8")) {
    const alnum = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
    out += alnum ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function eventBody(spec: Extract<FrameSpec, { kind: "plain" | "json" }>): string {
  if (spec.kind === "json") {
    const object: Record<string, string> = { "Event-Name": spec.eventName };
    for (const [n, v] of spec.headers) object[n] = v;
    if (spec.body !== undefined) object._body = spec.body;
    return JSON.stringify(object);
  }
  let out = `Event-Name: ${urlEncode(spec.eventName)}\n`;
  for (const [n, v] of spec.headers) out += `${n}: ${urlEncode(v)}\n`;
  if (spec.body === undefined) return `${out}\n`;
  return `${out}Content-Length: ${Buffer.byteLength(spec.body)}\n\n${spec.body}`;
}

/** The frame's outer headers and body as FreeSWITCH writes them. */
export function renderFrame(spec: FrameSpec, contentLength?: string): Buffer {
  if (spec.kind === "reply") return Buffer.from(`Content-Type: command/reply\nReply-Text: ${spec.text}\n\n`);
  const type = spec.kind === "api" ? "api/response" : `text/event-${spec.kind}`;
  const body = Buffer.from(spec.kind === "api" ? spec.body : eventBody(spec), "utf8");
  const length = contentLength ?? String(body.length);
  return Buffer.concat([Buffer.from(`Content-Length: ${length}\nContent-Type: ${type}\n\n`), body]);
}

/** What the parser must return for a rendered spec, in the shape of `summarize`. */
export function expectedFrame(spec: FrameSpec): Summary {
  const rendered = renderFrame(spec);
  if (spec.kind === "reply") {
    return {
      type: "command/reply",
      headers: [
        ["Content-Type", "command/reply"],
        ["Reply-Text", spec.text],
      ],
      replyText: spec.text,
    };
  }
  const bodyLength = String(rendered.length - rendered.indexOf("\n\n") - 2);
  const type = spec.kind === "api" ? "api/response" : `text/event-${spec.kind}`;
  const outer: Header[] = [
    ["Content-Length", bodyLength],
    ["Content-Type", type],
  ];
  if (spec.kind === "api") return { type, headers: outer, body: spec.body };
  const inner: Header[] = [["Event-Name", spec.eventName], ...spec.headers];
  if (spec.kind === "plain" && spec.body !== undefined)
    inner.push(["Content-Length", String(Buffer.byteLength(spec.body))]);
  return { type, headers: outer, event: { headers: inner, body: spec.body } };
}

export type Summary =
  | { error: string; message: string; raw?: string }
  | {
      type: string;
      headers: Header[];
      body?: string;
      replyText?: string;
      event?: { headers: Header[]; body?: string | undefined };
    };

/** A result as plain data, so two parses compare with deepStrictEqual. */
export function summarize(r: FrameResult, withRaw = true): Summary {
  if (!r.ok) {
    const error = { error: r.error.code, message: r.error.message };
    return withRaw ? { ...error, raw: r.error.raw.toString("latin1") } : error;
  }
  const f = r.frame;
  const base = { type: f.type, headers: f.headers.entries() };
  if ("event" in f) return { ...base, event: { headers: f.event.headers.entries(), body: f.event.body } };
  if (f.type === "command/reply") return { ...base, replyText: f.replyText };
  if (f.type === "auth/request") return base;
  return { ...base, body: f.body };
}

/** Cut points for a byte string: the same bytes as TCP might hand them over. */
export const cuts = fc.array(fc.nat(), { maxLength: 12 });

export function chunked(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [...new Set(at.map((n) => (bytes.length === 0 ? 0 : n % bytes.length)))].sort(
    (a, b) => a - b,
  );
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** Wire noise: random bytes and the pieces of frames most likely to confuse a parser. */
export const wireNoise: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 48 }),
      frameSpec.map((s) => renderFrame(s)),
      fc
        .constantFrom(
          "\n",
          "\n\n",
          "\r\n",
          "Content-Length: ",
          "Content-Length: 99999999999999999\n",
          "Content-Length: 5\n",
          "Content-Type: text/event-plain\n",
          "Content-Type: text/event-json\n\n{",
          "Event-Name: %E9%\n",
          "uuid_transfer ",
          ": ",
        )
        .map((s) => Buffer.from(s)),
    ),
    { maxLength: 12 },
  )
  .map((parts) => Buffer.concat(parts));
