import { exampleEvents, parseEvent } from "@starboard/core";
import fc from "fast-check";
import { applyMutation, type Json, jsonValue, pathsOf } from "../../../core/test/fuzz/event-mutations";
import type { PayloadMapper } from "../../src/http/step";

// Fuzzed webhook requests and the model of what the gateway must answer to each (the steps and
// statuses documented in src/http/README.md, in their order).

export type Gateway = "chat" | "tickets";
export type Signing =
  | "valid"
  | "no-signature"
  | "no-timestamp"
  | "no-delivery"
  | "wrong-secret"
  | "tampered"
  | { garbage: string };
export type DeliveryMode = "fresh" | "replay" | "empty" | "too-long";

export interface FuzzRequest {
  gateway: Gateway;
  method: "POST" | "GET" | "PUT";
  wrongPath: boolean;
  body: Uint8Array;
  signing: Signing;
  /** Seconds from the gateway's (fixed) clock, or a header value that is not a number. */
  timestamp: number | string;
  delivery: DeliveryMode;
  /** Printable text in front of a fresh delivery id: ids are whatever the sender chose. */
  deliveryPrefix: string;
}

const chatSamples: Json[] = [
  {
    type: "conversation.started",
    conversationId: "conv-1",
    channel: "web",
    at: "2026-11-30T09:15:02.123+08:00",
    visitorId: "visitor-42",
    widgetId: "shop-widget",
    page: { url: "https://shop.example.com/p/123", productId: "p-123", productName: "Kettle" },
  },
  {
    type: "message.customer",
    conversationId: "conv-1",
    channel: "app",
    at: "2026-11-30T01:15:09Z",
    messageId: "m-1",
    text: "我的订单还没到 / my order is late",
  },
  {
    type: "conversation.closed",
    conversationId: "conv-1",
    channel: "video",
    at: "2026-11-30T01:25:00Z",
    closedBy: "agent",
    agentId: "agent-7",
    outcome: "handled",
    resolved: true,
    waitSeconds: 12,
    handleSeconds: 310,
  },
  {
    type: "csat.answered",
    conversationId: "conv-1",
    channel: "web",
    at: "2026-11-30T01:26:00Z",
    surveyId: "s-1",
    score: 4,
  },
];

/** The ticket examples of the event catalogue as their sender posts them: `type`, `at`, the data. */
const ticketSamples: Json[] = Object.values(exampleEvents)
  .filter((e) => e.type.startsWith("ticket."))
  .map((e) => JSON.parse(JSON.stringify({ type: e.type, at: e.time, ...e.data })) as Json);

/** A sample with at most one thing changed, or anything at all. */
function payload(samples: Json[]): fc.Arbitrary<string> {
  const mutated = fc
    .record({
      at: fc.nat({ max: samples.length - 1 }),
      pick: fc.nat(),
      op: fc.constantFrom("none", "delete", "replace", "add"),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constant("__proto__")),
      value: jsonValue,
    })
    .map(({ at, pick, op, key, value }) => {
      const sample = samples[at] as Json;
      const path = pathsOf(sample)[pick % pathsOf(sample).length] ?? [];
      if (op === "none") return JSON.stringify(sample);
      if (op === "delete") return JSON.stringify(applyMutation(sample, { op, path }));
      if (op === "replace") return JSON.stringify(applyMutation(sample, { op, path, value }));
      return JSON.stringify(applyMutation(sample, { op, path: [], key, value }));
    });
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 64 }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 3000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
    },
  );
}

/** Chat payload text for the stream's messages: the same mutations as the webhook bodies. */
export const chatPayloadText: fc.Arbitrary<string> = payload(chatSamples);

export const maxBodyBytes = 8 * 1024;
const body = (gateway: Gateway) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: payload(gateway === "chat" ? chatSamples : ticketSamples).map((s) => Buffer.from(s)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 128 }) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: maxBodyBytes + 1, max: 3 * maxBodyBytes })
        .map((n) => Buffer.alloc(n, 0x20)),
    },
  );

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .constantFrom<Gateway>("chat", "tickets")
  .chain((gateway) =>
    fc.record({
      gateway: fc.constant(gateway),
      method: fc.oneof(
        { weight: 20, arbitrary: fc.constant("POST" as const) },
        fc.constantFrom("GET" as const, "PUT" as const),
      ),
      wrongPath: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, fc.constant(true)),
      body: body(gateway),
      signing: fc.oneof(
        { weight: 10, arbitrary: fc.constant("valid" as const) },
        fc.constantFrom<Signing>("no-signature", "no-timestamp", "no-delivery", "wrong-secret", "tampered"),
        // Any header text as the signature: a near miss, another scheme, noise.
        fc
          .oneof(
            fc.string({ unit: "grapheme-ascii", maxLength: 80 }),
            fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256=${h}`),
          )
          .map((garbage) => ({ garbage })),
      ),
      timestamp: fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: -290, max: 290 }) },
        {
          weight: 2,
          arbitrary: fc.oneof(fc.integer({ min: -5000, max: -310 }), fc.integer({ min: 310, max: 5000 })),
        },
        { weight: 1, arbitrary: fc.constantFrom("", "abc", "-5", "1e9", "1234567890123", " 17", "0x10") },
      ),
      delivery: fc.oneof(
        { weight: 10, arbitrary: fc.constant("fresh" as const) },
        fc.constantFrom<DeliveryMode>("replay", "empty", "too-long"),
      ),
      deliveryPrefix: fc.string({ unit: "grapheme-ascii", maxLength: 100 }),
    }),
  );

export interface Expected {
  status: number;
  outcome: string;
  deadLetter: boolean;
}

/** What the gateway must answer: the first step that refuses, in the gateway's order. */
export function expectedOutcome(
  r: FuzzRequest,
  mapper: PayloadMapper,
  replayable: boolean,
  source: string,
): Expected {
  const refuse = (status: number, outcome: string, deadLetter = false) => ({ status, outcome, deadLetter });
  if (r.wrongPath) return refuse(404, "not-found");
  if (r.method !== "POST") return refuse(405, "method-not-allowed");
  if (r.body.length > maxBodyBytes) return refuse(413, "too-large");
  if (r.signing === "no-signature" || r.signing === "no-timestamp" || r.signing === "no-delivery")
    return refuse(401, "unsigned");
  if (typeof r.timestamp === "string" && !/^\d{1,12}$/.test(r.timestamp)) return refuse(401, "bad-signature");
  if (r.delivery === "empty" || r.delivery === "too-long") return refuse(401, "bad-signature");
  if (r.signing !== "valid") return refuse(401, "bad-signature");
  if (typeof r.timestamp === "string" || Math.abs(r.timestamp) > 300) return refuse(401, "stale");
  if (r.delivery === "replay" && replayable) return refuse(409, "replayed");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(r.body).toString("utf8"));
  } catch {
    return refuse(400, "invalid-json", true);
  }
  const mapped = mapper(json, { source, tenant: "default" });
  if (mapped.kind === "invalid" || mapped.events.some((e) => !parseEvent(e).ok))
    return refuse(422, "invalid-payload", true);
  return refuse(202, "accepted");
}
