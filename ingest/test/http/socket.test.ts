import { DeadLetterHeaders } from "@starboard/core";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createChatGateway } from "../../src/chat/index";
import { sign } from "../../src/http/signature";
import { readEvents, tempLog } from "../esl/log-helpers";
import { deadLetters, post, secret } from "./helpers";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(o: { maxInFlightPerSocket?: number } = {}) {
  const { log, dispose } = await tempLog();
  const gateway = createChatGateway({ log, secrets: [secret], maxMessageBytes: 16 * 1024, ...o });
  const port = await gateway.listen(0);
  cleanups.push(dispose, () => gateway.close());
  return { log, gateway, base: `127.0.0.1:${port}` };
}

let connection = 0;
/** A signed upgrade as a sender would make it: HMAC over `<timestamp>.GET /chat/stream`. */
function open(base: string, o: { secret?: string; connectionId?: string } = {}): WebSocket {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return new WebSocket(`ws://${base}/chat/stream`, {
    headers: {
      "x-starboard-timestamp": timestamp,
      "x-starboard-delivery": o.connectionId ?? `conn-${process.pid}-${++connection}`,
      "x-starboard-signature": sign(o.secret ?? secret, timestamp, "GET /chat/stream"),
    },
  });
}

async function connected(base: string): Promise<WebSocket> {
  const ws = open(base);
  cleanups.push(async () => ws.terminate());
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return ws;
}

/** The upgrade's HTTP status when the server refuses the handshake. */
function refusedWith(ws: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    // With this listener ws leaves the refused request to us: read the status, drop the request.
    ws.on("error", () => {});
    ws.once("unexpected-response", (req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      req.destroy();
    });
    ws.once("open", () => reject(new Error("upgrade was accepted")));
  });
}

function answer(ws: WebSocket, message: string | object): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once("message", (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(typeof message === "string" ? message : JSON.stringify(message));
  });
}

const started = {
  type: "conversation.started",
  conversationId: "conv-ws",
  channel: "app",
  at: "2026-11-30T09:15:02.123+08:00",
  visitorId: "visitor-7",
  widgetId: "app-widget",
};

describe("chat gateway WebSocket endpoint over a real socket", () => {
  it("a good message is acknowledged after its event is on the log", async () => {
    const { base, log, gateway } = await setup();
    const ws = await connected(base);
    expect(await answer(ws, { deliveryId: "m-1", event: started })).toEqual({
      deliveryId: "m-1",
      status: "accepted",
      ids: ["chat:conv-ws:contact.created"],
    });
    const events = await readEvents(log);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "contact.created", channel: "appchat", contactId: "conv-ws" });
    expect(gateway.counters.accepted).toBe(1);
  });

  it("a wrong signature is refused 401 before the handshake, nothing counted as accepted", async () => {
    const { base, gateway } = await setup();
    expect(await refusedWith(open(base, { secret: "wrong" }))).toBe(401);
    expect(gateway.counters["bad-signature"]).toBe(1);
  });

  it("an unsigned upgrade is 401 and a replayed connection id is 409", async () => {
    const { base, gateway } = await setup();
    const unsigned = new WebSocket(`ws://${base}/chat/stream`);
    expect(await refusedWith(unsigned)).toBe(401);
    const first = open(base, { connectionId: "same-conn" });
    cleanups.push(async () => first.terminate());
    await new Promise((r) => first.once("open", r));
    expect(await refusedWith(open(base, { connectionId: "same-conn" }))).toBe(409);
    expect(gateway.counters).toMatchObject({ unsigned: 1, replayed: 1 });
  });

  it.each([
    [
      "bad page url",
      { deliveryId: "m-2", event: { ...started, page: { url: "nope" } } },
      "event.page.url",
      /URL/i,
    ],
    [
      "missing widget",
      { deliveryId: "m-3", event: { ...started, widgetId: undefined } },
      "event.widgetId",
      /^required$/,
    ],
    ["no delivery id", { event: started }, "deliveryId", /^required$/],
  ] as const)(
    "%s -> rejected with the exact path, raw message dead-lettered",
    async (_n, message, path, reason) => {
      const { base, log, gateway } = await setup();
      const ws = await connected(base);
      const raw = JSON.stringify(message);
      const got = await answer(ws, raw);
      expect(got).toMatchObject({
        deliveryId: "deliveryId" in message ? message.deliveryId : null,
        status: "rejected",
        path,
      });
      expect(got.reason).toMatch(reason);
      expect(gateway.counters["invalid-payload"]).toBe(1);
      const dead = await deadLetters(log);
      expect(dead.map((r) => r.value.toString())).toEqual([raw]);
      expect(dead[0]?.headers[DeadLetterHeaders.reason]).toBe(`${path}: ${String(got.reason)}`);
      expect(await readEvents(log)).toEqual([]);
    },
  );

  it("invalid JSON is rejected and dead-lettered", async () => {
    const { base, log, gateway } = await setup();
    const ws = await connected(base);
    const got = await answer(ws, '{"deliveryId":"m-9","event":');
    expect(got).toMatchObject({ deliveryId: "m-9", status: "rejected" });
    expect(got.reason).toMatch(/^invalid JSON/);
    expect(gateway.counters["invalid-json"]).toBe(1);
    expect(await deadLetters(log)).toHaveLength(1);
  });

  it("a replayed delivery id is refused, also when the first came over HTTP", async () => {
    const { base, log, gateway } = await setup();
    const ws = await connected(base);
    expect(await answer(ws, { deliveryId: "r-1", event: started })).toMatchObject({ status: "accepted" });
    expect(await answer(ws, { deliveryId: "r-1", event: started })).toMatchObject({
      deliveryId: "r-1",
      status: "rejected",
      reason: "delivery r-1 was already accepted",
    });
    const http = await post(`http://${base}/chat/events`, started, { deliveryId: "r-2" });
    expect(http.status).toBe(202);
    expect(await answer(ws, { deliveryId: "r-2", event: started })).toMatchObject({ status: "rejected" });
    expect(gateway.counters).toMatchObject({ accepted: 2, replayed: 2 });
    // r-1 once from the socket, r-2 once from HTTP; neither replay reached the log.
    expect(await readEvents(log)).toHaveLength(2);
    expect(await deadLetters(log)).toEqual([]);
  });

  it("the same delivery id twice at once: one accepted, the other refused as a replay", async () => {
    const { base, log } = await setup();
    const ws = await connected(base);
    const answers: Record<string, unknown>[] = [];
    const both = new Promise<void>((resolve) => {
      ws.on("message", (d) => {
        answers.push(JSON.parse(String(d)) as Record<string, unknown>);
        if (answers.length === 2) resolve();
      });
    });
    ws.send(JSON.stringify({ deliveryId: "twice", event: started }));
    ws.send(JSON.stringify({ deliveryId: "twice", event: started }));
    await both;
    expect(answers.map((a) => a.status).sort()).toEqual(["accepted", "rejected"]);
    expect(await readEvents(log)).toHaveLength(1);
  });

  it("an oversized message closes the socket with 1009", async () => {
    const { base, gateway } = await setup();
    const ws = await connected(base);
    const code = await new Promise<number>((resolve) => {
      ws.once("close", (c) => resolve(c));
      ws.send(JSON.stringify({ deliveryId: "big", event: { ...started, widgetId: "x".repeat(20_000) } }));
    });
    expect(code).toBe(1009);
    await new Promise((r) => setTimeout(r, 20));
    expect(gateway.counters["too-large"]).toBe(1);
  });

  it("messages past the per-socket in-flight cap are rejected as busy, not dead-lettered", async () => {
    const { base, log, gateway } = await setup({ maxInFlightPerSocket: 1 });
    const ws = await connected(base);
    const answers: Record<string, unknown>[] = [];
    const all = new Promise<void>((resolve) => {
      ws.on("message", (d) => {
        answers.push(JSON.parse(String(d)) as Record<string, unknown>);
        if (answers.length === 3) resolve();
      });
    });
    for (const id of ["b-1", "b-2", "b-3"]) ws.send(JSON.stringify({ deliveryId: id, event: started }));
    await all;
    const statuses = answers.map((a) => `${String(a.deliveryId)}:${String(a.status)}`).sort();
    expect(statuses).toEqual(["b-1:accepted", "b-2:rejected", "b-3:rejected"]);
    expect(gateway.counters.busy).toBe(2);
    expect(await deadLetters(log)).toEqual([]);
  });
});
