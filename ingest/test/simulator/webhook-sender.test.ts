import { createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebhookSender } from "../../src/simulator/outbox";

// The keep-alive race: a gateway closes a socket it considers idle just as the sender reuses it.
// This server answers the first request on each connection and resets the connection on the
// second, which is what the sender sees in that race.
const sockets = new Set<Socket>();
const server = createServer((socket) => {
  sockets.add(socket);
  let requests = 0;
  socket.on("data", () => {
    requests += 1;
    if (requests > 1) {
      socket.resetAndDestroy();
      return;
    }
    const body = JSON.stringify({ accepted: 1 });
    socket.write(
      `HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`,
    );
  });
  socket.on("close", () => sockets.delete(socket));
});

function listen(): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const a = server.address();
      resolve(typeof a === "object" && a !== null ? a.port : 0);
    }),
  );
}

const outcome = (sender: WebhookSender) => ({
  accepted: sender.accepted,
  errors: sender.errors,
  lastError: sender.lastError,
});

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

describe("WebhookSender", () => {
  it("sends again, once, a post whose reused kept-alive socket was reset before any answer", async () => {
    const port = await listen();
    const sender = new WebhookSender("secret", "run");
    const url = `http://127.0.0.1:${port}/tickets/events`;
    await sender.post(url, { n: 1 });
    // Reuses the first post's socket, which the server resets: the retry goes on a new connection.
    await sender.post(url, { n: 2 });
    sender.close();
    expect(outcome(sender)).toEqual({ accepted: 2, errors: 0, lastError: undefined });
  });

  it("sends the retry on a new connection, not on another kept-alive socket that may be stale too", async () => {
    const port = await listen();
    const sender = new WebhookSender("secret", "run");
    const url = `http://127.0.0.1:${port}/tickets/events`;
    // Two posts at once open two connections; both then wait in the agent, and both are reset when
    // reused (as two sockets idle past the gateway's keep-alive timeout are).
    await Promise.all([sender.post(url, { n: 1 }), sender.post(url, { n: 2 })]);
    expect(sockets.size).toBe(2);
    await sender.post(url, { n: 3 });
    sender.close();
    expect(outcome(sender)).toEqual({ accepted: 3, errors: 0, lastError: undefined });
  });
});
