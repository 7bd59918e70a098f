import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InProcessEventLog, parseEvent, standardTopics, Topics } from "@starboard/core";
import fc from "fast-check";
import WebSocket from "ws";
import { createChatGateway, mapChatPayload } from "../../src/chat/index";
import { SignatureHeaders, sign } from "../../src/http/signature";
import type { GatewayOutcome } from "../../src/http/step";
import type { FuzzTarget } from "./target";
import { chatPayloadText } from "./webhook-requests";

const secret = "fuzz-secret";

type Wrapper = "ok" | "no-id" | "empty-id" | "long-id" | "number-id" | "no-event" | "extra-key" | "replay";
interface FuzzMessage {
  wrapper: Wrapper;
  /** The event's JSON text, or (when `raw`) the whole message. */
  text: string;
  raw: boolean;
}

const fuzzMessage: fc.Arbitrary<FuzzMessage> = fc.record({
  wrapper: fc.oneof(
    { weight: 12, arbitrary: fc.constant("ok" as const) },
    fc.constantFrom<Wrapper>("no-id", "empty-id", "long-id", "number-id", "no-event", "extra-key", "replay"),
  ),
  text: chatPayloadText,
  raw: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, fc.constant(true)),
});

/** The message's answer and outcome, as socket.ts documents them, computed without the gateway. */
function expected(
  m: FuzzMessage,
  message: string,
  replayable: boolean,
): { outcome: GatewayOutcome; deadLetter: boolean } {
  try {
    JSON.parse(message);
  } catch {
    return { outcome: "invalid-json", deadLetter: true };
  }
  if (m.raw || !["ok", "replay"].includes(m.wrapper)) return { outcome: "invalid-payload", deadLetter: true };
  if (m.wrapper === "replay" && replayable) return { outcome: "replayed", deadLetter: false };
  const mapped = mapChatPayload(JSON.parse(m.text), { source: "chat-gateway", tenant: "default" });
  if (mapped.kind === "invalid" || mapped.events.some((e) => !parseEvent(e).ok))
    return { outcome: "invalid-payload", deadLetter: true };
  return { outcome: "accepted", deadLetter: false };
}

function wrap(m: FuzzMessage, deliveryId: string): string {
  if (m.raw) return m.text;
  const event = m.text;
  switch (m.wrapper) {
    case "no-id":
      return `{"event":${event}}`;
    case "empty-id":
      return `{"deliveryId":"","event":${event}}`;
    case "long-id":
      return `{"deliveryId":"${"x".repeat(129)}","event":${event}}`;
    case "number-id":
      return `{"deliveryId":7,"event":${event}}`;
    case "no-event":
      return `{"deliveryId":"${deliveryId}"}`;
    case "extra-key":
      return `{"deliveryId":"${deliveryId}","event":${event},"more":1}`;
    default:
      return `{"deliveryId":"${deliveryId}","event":${event}}`;
  }
}

/**
 * Fuzzed messages on the chat stream (a real signed WebSocket to a real gateway): each gets one
 * answer with the expected status; at stop, counters and dead letters equal what was sent.
 */
export const socketTarget: FuzzTarget = {
  name: "chat stream: fuzzed socket messages",
  ciRuns: 200,
  async start(seen) {
    const dir = mkdtempSync(join(tmpdir(), "starboard-fuzz-ws-"));
    const log = new InProcessEventLog({ dataDir: dir, pollIntervalMs: 20 });
    await log.ensureTopics(standardTopics(4));
    const gateway = createChatGateway({ log, secrets: [secret] });
    const port = await gateway.listen(0);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const ws = new WebSocket(`ws://127.0.0.1:${port}/chat/stream`, {
      headers: {
        [SignatureHeaders.timestamp]: timestamp,
        [SignatureHeaders.delivery]: `conn-${process.pid}`,
        [SignatureHeaders.signature]: sign(secret, timestamp, "GET /chat/stream"),
      },
    });
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const sent = new Map<GatewayOutcome, number>();
    const accepted: string[] = [];
    let deadLetters = 0;
    let next = 0;
    // The request in flight: a time-limited run (the bench) may stop waiting for it, but its
    // answer is still counted, so stop() waits for it before comparing totals.
    let inFlight: Promise<unknown> = Promise.resolve();
    const property = fc.asyncProperty(fuzzMessage, (m) => {
      const run = exchange(m);
      inFlight = run.catch(() => {});
      return run;
    }) as fc.IRawProperty<[unknown], boolean>;
    async function exchange(m: FuzzMessage): Promise<void> {
      seen?.(m.text);
      const replayable = accepted.length > 0;
      const id =
        m.wrapper === "replay" && replayable ? (accepted[next % accepted.length] as string) : `m-${++next}`;
      const message = wrap(m, id);
      const want = expected(m, message, replayable);
      sent.set(want.outcome, (sent.get(want.outcome) ?? 0) + 1);
      if (want.deadLetter) deadLetters += 1;
      const answered = new Promise<Record<string, unknown>>((resolve) =>
        ws.once("message", (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)),
      );
      ws.send(message);
      const answer = await answered;
      if (answer.status === "accepted") accepted.push(id);
      const status = want.outcome === "accepted" ? "accepted" : "rejected";
      assert.equal(answer.status, status, `${want.outcome} expected, answered ${JSON.stringify(answer)}`);
      if (status === "rejected") assert.ok(typeof answer.reason === "string" && answer.reason.length > 0);
    }
    return {
      property,
      async stop() {
        await inFlight;
        try {
          const nonZero = Object.entries(gateway.counters).filter(([, n]) => n > 0);
          assert.deepStrictEqual(Object.fromEntries(nonZero), Object.fromEntries(sent), "socket counters");
          const end = await log.endOffsets(Topics.deadLetter);
          assert.equal(
            [...end.values()].reduce((a, b) => a + b, 0),
            deadLetters,
            "dead-letter records",
          );
        } finally {
          ws.terminate();
          await gateway.close();
          await log.close();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  },
};
