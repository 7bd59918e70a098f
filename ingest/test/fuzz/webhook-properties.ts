import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InProcessEventLog, standardTopics, Topics } from "@starboard/core";
import fc from "fast-check";
import { createChatGateway, mapChatPayload } from "../../src/chat/index";
import type { WebhookGateway } from "../../src/http/gateway";
import { SignatureHeaders, sign } from "../../src/http/signature";
import type { GatewayOutcome } from "../../src/http/step";
import { createTicketGateway, mapTicketPayload } from "../../src/tickets/index";
import type { FuzzTarget } from "./target";
import { expectedOutcome, type FuzzRequest, fuzzRequest, maxBodyBytes } from "./webhook-requests";

const secret = "fuzz-secret";
/** The gateways' clock is fixed, so a timestamp's freshness is exactly what the request says. */
const nowMs = Date.UTC(2026, 10, 30, 9, 0, 0);

/** Sends one fuzzed request over real HTTP, signed (or mis-signed) as the request says. */
async function send(base: string, r: FuzzRequest, deliveryId: string): Promise<Response> {
  const timestamp = typeof r.timestamp === "number" ? String(nowMs / 1000 + r.timestamp) : r.timestamp;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (r.signing !== "no-timestamp") headers[SignatureHeaders.timestamp] = timestamp;
  if (r.signing !== "no-delivery") headers[SignatureHeaders.delivery] = deliveryId;
  if (typeof r.signing === "object") headers[SignatureHeaders.signature] = r.signing.garbage;
  else if (r.signing !== "no-signature") {
    const signed = r.signing === "tampered" ? Buffer.concat([r.body, Buffer.from(" ")]) : r.body;
    headers[SignatureHeaders.signature] = sign(
      r.signing === "wrong-secret" ? "not-it" : secret,
      timestamp,
      signed,
    );
  }
  const path = r.wrongPath ? "/nowhere" : r.gateway === "chat" ? "/chat/events" : "/tickets/events";
  return fetch(`${base}${path}`, {
    method: r.method,
    headers,
    ...(r.method === "GET" ? {} : { body: r.body }),
  });
}

/**
 * Fuzzed requests against the real chat and ticket gateways on port 0, onto a real in-process log:
 * every answer is the status the model expects with a readable error; when the target stops, each
 * gateway's counters equal what was sent and the dead-letter topic holds exactly the bad bodies.
 */
export const webhookTarget: FuzzTarget = {
  name: "webhooks: fuzzed requests over HTTP",
  ciRuns: 250,
  async start(seen) {
    const dir = mkdtempSync(join(tmpdir(), "starboard-fuzz-http-"));
    const log = new InProcessEventLog({ dataDir: dir, pollIntervalMs: 20 });
    await log.ensureTopics(standardTopics(4));
    const options = { log, secrets: [secret], maxBodyBytes, bodyTimeoutMs: 2_000, now: () => nowMs };
    const gateways: Record<FuzzRequest["gateway"], WebhookGateway> = {
      chat: createChatGateway(options),
      tickets: createTicketGateway(options),
    };
    const bases = {
      chat: `http://127.0.0.1:${await gateways.chat.listen(0)}`,
      tickets: `http://127.0.0.1:${await gateways.tickets.listen(0)}`,
    };
    const sent = { chat: new Map<string, number>(), tickets: new Map<string, number>() };
    // Per gateway: each has its own replay window.
    const acceptedBy = { chat: [] as string[], tickets: [] as string[] };
    let deadLetters = 0;
    let next = 0;

    // The request in flight: a time-limited run (the bench) may stop waiting for it, but its
    // answer is still counted, so stop() waits for it before comparing totals.
    let inFlight: Promise<unknown> = Promise.resolve();
    const property = fc.asyncProperty(fuzzRequest, (r) => {
      const run = exchange(r);
      inFlight = run.catch(() => {});
      return run;
    }) as fc.IRawProperty<[unknown], boolean>;
    async function exchange(r: FuzzRequest): Promise<void> {
      seen?.(Buffer.from(r.body).toString("latin1"));
      const accepted = acceptedBy[r.gateway];
      const replayable = accepted.length > 0;
      const deliveryId =
        r.delivery === "empty"
          ? ""
          : r.delivery === "too-long"
            ? "d".repeat(129)
            : r.delivery === "replay" && replayable
              ? (accepted[next % accepted.length] as string)
              : `${r.deliveryPrefix}-${process.pid}-${++next}`;
      const mapper = r.gateway === "chat" ? mapChatPayload : mapTicketPayload;
      const source = r.gateway === "chat" ? "chat-gateway" : "ticket-gateway";
      const want = expectedOutcome(r, mapper, replayable, source);
      const res = await send(bases[r.gateway], r, deliveryId);
      const answer = (await res.json()) as { error?: unknown; path?: unknown; accepted?: unknown };
      const counts = sent[r.gateway];
      counts.set(want.outcome, (counts.get(want.outcome) ?? 0) + 1);
      if (want.deadLetter) deadLetters += 1;
      if (res.status === 202) accepted.push(deliveryId);
      assert.equal(res.status, want.status, `${want.outcome} expected, answered ${JSON.stringify(answer)}`);
      if (want.status === 202) return;
      assert.ok(typeof answer.error === "string" && answer.error.length > 0, "a refusal without an error");
      if (want.status === 422) assert.equal(typeof answer.path, "string", "a schema error without its path");
    }

    return {
      property,
      async stop() {
        await inFlight;
        try {
          for (const name of ["chat", "tickets"] as const) {
            const counters = gateways[name].counters as Record<GatewayOutcome, number>;
            const nonZero = Object.fromEntries(Object.entries(counters).filter(([, n]) => n > 0));
            assert.deepStrictEqual(nonZero, Object.fromEntries(sent[name]), `${name} gateway counters`);
          }
          const end = await log.endOffsets(Topics.deadLetter);
          assert.equal(
            [...end.values()].reduce((a, b) => a + b, 0),
            deadLetters,
            "dead-letter records",
          );
        } finally {
          await gateways.chat.close();
          await gateways.tickets.close();
          await log.close();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  },
};
