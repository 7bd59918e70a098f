// A crowd of graphql-ws subscribers in their own process, so the API's CPU is measured alone.
// argv[2]: {"url","key","count","sampleEvery","query"}. Sends {type:"ready"} once every subscriber
// has its first message; on {type:"stop"} replies {type:"results", messages, samples} and exits.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const { url, key, count, sampleEvery, query } = JSON.parse(process.argv[2] ?? "{}");
const now = () => performance.timeOrigin + performance.now();
let messages = 0;
let ready = 0;
const samples = [];
const clients = [];

for (let i = 0; i < count; i++) {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${key}` },
  });
  clients.push(client);
  const received = i % sampleEvery === 0 ? [] : undefined;
  if (received !== undefined) samples.push(received);
  let first = true;
  client.subscribe(
    { query },
    {
      next: (message) => {
        messages += 1;
        if (first) {
          first = false;
          ready += 1;
          if (ready === count) process.send?.({ type: "ready" });
        }
        const asOf = message.data?.queueStats?.asOf;
        if (received !== undefined && typeof asOf === "string") received.push([now(), Date.parse(asOf)]);
      },
      error: (error) => process.send?.({ type: "error", message: String(error?.message ?? error) }),
      complete: () => {},
    },
  );
}

process.on("message", async (m) => {
  if (m?.type !== "stop") return;
  for (const c of clients) void c.dispose();
  process.send?.({ type: "results", messages, samples }, () => process.exit(0));
});
