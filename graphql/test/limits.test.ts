import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
// The slowloris client of the webhook tests: a plain node:net helper, shared rather than copied.
import { trickle } from "../../ingest/test/http/slow-client";
import { keys, type Stack, startStack } from "./harness";

// Limits of the API server against hostile clients, on real sockets: request size, slow headers,
// slow bodies, WebSocket frame size. Short limits through the server's options; assertions are on
// outcomes (status, closed, close code), never on durations.

const maxDocumentBytes = 1_024;
let stack: Stack;
let port: number;
beforeAll(async () => {
  stack = await startStack({
    headersTimeoutMs: 300,
    requestTimeoutMs: 600,
    wsInitTimeoutMs: 300,
    wsKeepAliveMs: 200,
    limits: { maxDocumentBytes },
  });
  port = stack.api.port;
});
afterAll(async () => {
  await stack?.close();
});

/** Writes the head and then the body in chunks until the server answers or closes. */
function exchange(head: string, chunk: string, chunks: number): Promise<string> {
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
      if (socket.destroyed || answer !== "" || n++ >= chunks) {
        if (n > chunks) socket.end();
        return;
      }
      socket.write(chunk, () => setImmediate(more));
    };
    more();
  });
}

describe("API server limits", () => {
  it("a POST body over the limit is answered 413 DOCUMENT_TOO_LARGE (not a reset connection)", async () => {
    const size = maxDocumentBytes * 8;
    const head = `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${keys.supervisor}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`;
    const answer = await exchange(head, "x".repeat(1_024), 8);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain("DOCUMENT_TOO_LARGE");
    expect(answer.toLowerCase()).toContain("connection: close");
  });

  it("so is a chunked one that never says its size, cut while reading", async () => {
    const head = `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${keys.supervisor}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = "x".repeat(1_024);
    const answer = await exchange(head, `400\r\n${chunk}\r\n`, 16);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain("connection: close");
  });

  it("a client trickling its request headers (slowloris) is cut off before it finishes", async () => {
    const request = `POST /graphql HTTP/1.1\r\nHost: x\r\nX-Padding: ${"p".repeat(300)}\r\n\r\n`;
    const result = await trickle(port, request, 20);
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(result.total);
    if (result.answer !== "") expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("so is one trickling its WebSocket upgrade", async () => {
    const request = `GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\nX-Padding: ${"p".repeat(300)}\r\n\r\n`;
    const result = await trickle(port, request, 20);
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(result.total);
  });

  it("a client that sends its headers at once and then trickles a small body is cut off too", async () => {
    const body = JSON.stringify({ query: "{ me { role } }" });
    const head = `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${keys.supervisor}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const result = await new Promise<{ answer: string; sent: number }>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let answer = "";
      let sent = 0;
      socket.on("data", (d) => {
        answer += d.toString("latin1");
      });
      socket.on("error", () => {});
      socket.on("close", () => {
        clearInterval(timer);
        resolve({ answer, sent });
      });
      socket.write(head);
      // A byte every 100 ms: the body would take seconds, far past the request limit.
      const timer = setInterval(() => {
        if (sent < body.length) socket.write(body[sent++] ?? "");
      }, 100);
    });
    expect(result.sent).toBeLessThan(body.length);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("a WebSocket that never sends connection_init is closed with 4408", async () => {
    const ws = new WebSocket(stack.api.wsUrl, "graphql-transport-ws");
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    expect(await closed).toBe(4408);
  });

  it("a WebSocket peer that stops answering pings (a half-open connection) is dropped", async () => {
    const ws = new WebSocket(stack.api.wsUrl, "graphql-transport-ws", { autoPong: false });
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    let pings = 0;
    ws.on("ping", () => {
      pings++;
    });
    ws.send(
      JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${keys.supervisor}` } }),
    );
    // Terminated without a close frame: the client sees 1006, after at least one unanswered ping.
    expect(await closed).toBe(1006);
    expect(pings).toBeGreaterThanOrEqual(1);
  });

  it("one that answers them stays connected across several pings", async () => {
    const ws = new WebSocket(stack.api.wsUrl, "graphql-transport-ws");
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    ws.send(
      JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${keys.supervisor}` } }),
    );
    let pings = 0;
    await new Promise<void>((resolve) =>
      ws.on("ping", () => {
        if (++pings === 4) resolve();
      }),
    );
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it("a graphql-ws message over maxPayload closes the socket with 1009", async () => {
    const ws = new WebSocket(stack.api.wsUrl, "graphql-transport-ws");
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    const payload = { authorization: `Bearer ${keys.supervisor}`, pad: "x".repeat(maxDocumentBytes * 4) };
    ws.send(JSON.stringify({ type: "connection_init", payload }));
    expect(await closed).toBe(1009);
  });

  it("a message under it is served as usual on the same kind of socket", async () => {
    const ws = new WebSocket(stack.api.wsUrl, "graphql-transport-ws");
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const ack = new Promise<string>((resolve) => ws.once("message", (d) => resolve(String(d))));
    ws.send(
      JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${keys.supervisor}` } }),
    );
    expect(JSON.parse(await ack)).toEqual({ type: "connection_ack" });
    ws.close();
  });
});
