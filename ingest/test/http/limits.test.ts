import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createChatGateway } from "../../src/chat/index";
import { tempLog } from "../esl/log-helpers";
import { secret } from "./helpers";
import { trickle } from "./slow-client";

// Limits of the webhook server against hostile clients, on real sockets. Timeouts are set short
// through the gateway's options; assertions are on outcomes (closed, status), never on durations.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const { log, dispose } = await tempLog();
  const gateway = createChatGateway({
    log,
    secrets: [secret],
    maxBodyBytes: 4 * 1024,
    bodyTimeoutMs: 300,
    headersTimeoutMs: 300,
  });
  const port = await gateway.listen(0);
  cleanups.push(dispose, () => gateway.close());
  return { gateway, port };
}

/** Sends `head` then `body` chunks until the server answers or closes; returns what it said. */
function exchange(port: number, head: string, chunk: string, chunks: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => {
      answer += d.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => resolve(answer));
    socket.write(head);
    let n = 0;
    const more = () => {
      if (socket.destroyed || answer !== "" || n++ >= chunks) return;
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`, () => setImmediate(more));
    };
    more();
  });
}

const padding = `X-Padding: ${"p".repeat(300)}\r\n`;

describe("webhook server limits", () => {
  it("a client trickling its request headers (slowloris) is cut off before it finishes", async () => {
    const { port } = await setup();
    const request = `POST /chat/events HTTP/1.1\r\nHost: x\r\n${padding}\r\n`;
    const result = await trickle(port, request, 20);
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(result.total);
    // Node answers 408 when it can still write; either way the socket is gone.
    if (result.answer !== "") expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("so is one trickling a WebSocket upgrade", async () => {
    const { port } = await setup();
    const request = `GET /chat/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${padding}\r\n`;
    const result = await trickle(port, request, 20);
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(result.total);
  });

  it("a chunked body without Content-Length is cut at the limit with 413 (read, not buffered)", async () => {
    const { port, gateway } = await setup();
    const head = "POST /chat/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    const answer = await exchange(port, head, "x".repeat(1024), 64);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(gateway.counters["too-large"]).toBe(1);
  });

  it("request headers over node's limit are refused with 431", async () => {
    const { port } = await setup();
    const head = `POST /chat/events HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`;
    const answer = await exchange(port, head, "", 0);
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
  });
});
