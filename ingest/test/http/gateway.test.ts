import { connect } from "node:net";
import { CustomerDirectory, DeadLetterHeaders } from "@starboard/core";
import { afterEach, describe, expect, it } from "vitest";
import { createChatGateway } from "../../src/chat/index";
import { readEvents, tempLog } from "../esl/log-helpers";
import { deadLetters, post, secret } from "./helpers";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const { log, dispose } = await tempLog();
  const gateway = createChatGateway({ log, secrets: [secret], maxBodyBytes: 64 * 1024, bodyTimeoutMs: 300 });
  const port = await gateway.listen(0);
  cleanups.push(dispose, () => gateway.close());
  return { log, gateway, url: `http://127.0.0.1:${port}/chat/events` };
}

const started = {
  type: "conversation.started",
  conversationId: "conv-1",
  channel: "web",
  at: "2026-11-30T09:15:02.123+08:00",
  visitorId: "visitor-42",
  widgetId: "shop-widget",
  page: { url: "https://shop.example.com/p/123", productId: "p-123", productName: "Kettle" },
};

describe("signed webhook gateway over real HTTP", () => {
  it("a good request is acknowledged 202 after its event is on the log", async () => {
    const { url, log, gateway } = await setup();
    const res = await post(url, started);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, ids: ["chat:conv-1:contact.created"] });
    const [event] = await readEvents(log);
    expect(event).toMatchObject({
      type: "contact.created",
      time: "2026-11-30T01:15:02.123Z",
      channel: "webchat",
      contactId: "conv-1",
      source: "chat-gateway",
      data: { from: "visitor-42", to: "shop-widget", page: started.page },
    });
    expect(gateway.counters.accepted).toBe(1);
  });

  it.each([
    ["a known visitor", {}, { customerId: "c-vip", customerTier: "vip" }],
    ["a visitor the platform already identified", { customerId: "crm-9" }, { customerId: "crm-9" }],
    ["an unknown visitor", { visitorId: "visitor-1" }, {}],
  ])("recognizes %s through the customer directory", async (_what, change, expected) => {
    const { log, dispose } = await tempLog();
    const directory = new CustomerDirectory([
      { id: "c-vip", phones: [], identities: ["Visitor-42"], tier: "vip", tags: [] },
    ]);
    const gateway = createChatGateway({ log, secrets: [secret], recognize: directory.recognize });
    const port = await gateway.listen(0);
    cleanups.push(dispose, () => gateway.close());
    const res = await post(`http://127.0.0.1:${port}/chat/events`, { ...started, ...change });
    expect(res.status).toBe(202);
    const [event] = await readEvents(log);
    const data = event?.type === "contact.created" ? event.data : undefined;
    expect({ customerId: data?.customerId, customerTier: data?.customerTier }).toEqual({
      customerId: undefined,
      customerTier: undefined,
      ...expected,
    });
  });

  it.each([
    ["unsigned", () => ({ o: { unsigned: true } }), 401, "unsigned", /^missing x-starboard-signature/],
    ["bad signature", () => ({ o: { secret: "wrong" } }), 401, "bad-signature", /does not match/],
    [
      "stale",
      () => ({ o: { timestamp: Math.floor(Date.now() / 1000) - 301 } }),
      401,
      "stale",
      /more than 300 s/,
    ],
    [
      "future",
      () => ({ o: { timestamp: Math.floor(Date.now() / 1000) + 600 } }),
      401,
      "stale",
      /more than 300 s/,
    ],
  ] as const)(
    "%s is refused 401/409 with its counter, nothing on the log",
    async (_name, make, status, outcome, message) => {
      const { url, log, gateway } = await setup();
      const res = await post(url, started, make().o);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
      expect(gateway.counters[outcome]).toBe(1);
      expect(await readEvents(log)).toEqual([]);
      expect(await deadLetters(log)).toEqual([]);
    },
  );

  it("a replayed delivery id -> 409, the first one stays the only event", async () => {
    const { url, log, gateway } = await setup();
    expect((await post(url, started, { deliveryId: "same" })).status).toBe(202);
    const again = await post(url, started, { deliveryId: "same" });
    expect(again.status).toBe(409);
    expect(gateway.counters).toMatchObject({ accepted: 1, replayed: 1 });
    expect(await readEvents(log)).toHaveLength(1);
  });

  it("an oversized body -> 413 without reading it", async () => {
    const { url, gateway } = await setup();
    const res = await post(url, { ...started, widgetId: "x".repeat(100_000) });
    expect(res.status).toBe(413);
    expect(gateway.counters["too-large"]).toBe(1);
  });

  it("a slow client that never finishes its body -> 408 and the socket is closed", async () => {
    const { url, gateway } = await setup();
    const { port } = new URL(url);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1");
      let got = "";
      socket.on("data", (d) => {
        got += d.toString();
      });
      socket.on("close", () => resolve(got));
      socket.write('POST /chat/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"type":');
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(gateway.counters.timeout).toBe(1);
  });

  it.each([
    ["invalid JSON", '{"type": "conversation.started",', 400, "invalid-json", undefined, /^invalid JSON/],
    ["unknown type", { ...started, type: "conversation.paused" }, 422, "invalid-payload", "type", /./],
    ["bad page url", { ...started, page: { url: "not a url" } }, 422, "invalid-payload", "page.url", /URL/i],
    ["missing widget", { ...started, widgetId: undefined }, 422, "invalid-payload", "widgetId", /^required$/],
    ["unknown field", { ...started, colour: "red" }, 422, "invalid-payload", "colour", /^unknown field$/],
    [
      "transcript entry",
      {
        type: "bot.handoff",
        conversationId: "c",
        channel: "app",
        at: "2026-11-30T09:15:02Z",
        botId: "b",
        reason: "complaint",
        toQueue: "q",
        botSeconds: 3,
        transcript: [{ role: "customer", text: "hi" }, { role: "bot" }],
      },
      422,
      "invalid-payload",
      "transcript[1].text",
      /^required$/,
    ],
  ] as const)(
    "%s -> %i with the path, raw body on the dead-letter topic",
    async (_n, body, status, outcome, path, reason) => {
      const { url, log, gateway } = await setup();
      const raw = typeof body === "string" ? body : JSON.stringify(body);
      const res = await post(url, raw);
      expect(res.status).toBe(status);
      const answer = (await res.json()) as { error: string; path?: string };
      expect(answer.path).toBe(path);
      expect(answer.error).toMatch(reason);
      expect(gateway.counters[outcome]).toBe(1);
      const dead = await deadLetters(log);
      expect(dead.map((r) => r.value.toString())).toEqual([raw]);
      expect(dead[0]?.headers[DeadLetterHeaders.reason]).toBe(
        path === undefined ? answer.error : `${path}: ${answer.error}`,
      );
      expect(await readEvents(log)).toEqual([]);
    },
  );

  it.each([
    ["GET", "/chat/events", 405],
    ["POST", "/nope", 404],
  ])("%s %s -> %i", async (method, path, status) => {
    const { url } = await setup();
    const res = await fetch(new URL(path, url), { method });
    expect(res.status).toBe(status);
  });
});
