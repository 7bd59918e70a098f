import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InProcessEventLog, standardTopics } from "@starboard/core";
import { type BenchProgress, type BenchRow, row } from "@starboard/core/bench";
import { createChatGateway } from "../src/chat/index";
import { FsSwitch } from "../src/esl/emulator/fs-switch";
import { CallScenario } from "../src/esl/emulator/index";
import { eventFrame, serializeEvent } from "../src/esl/emulator/render";
import { measureEslThroughput } from "../src/esl/throughput";
import { sign } from "../src/http/signature";

/**
 * A HANGUP_COMPLETE as the emulator renders it (all channel data and CDR variables): the
 * text/event-plain frame, and the text/event-json body of the same event for the reference.
 */
export function hangupEvent(): { plain: Buffer; json: Buffer } {
  const fs = new FsSwitch();
  let event: { plain: Buffer; json: Buffer } | undefined;
  fs.onEvent((e) => {
    if (e.name === "CHANNEL_HANGUP_COMPLETE" && event === undefined)
      event = {
        plain: eventFrame(e.headers, "plain", e.body),
        json: Buffer.from(serializeEvent(e.headers, "json", e.body), "utf8"),
      };
  });
  new CallScenario(fs, { from: "+8613800138000", to: "4001" }).answer().bridgeTo("1001").hangup();
  if (event === undefined) throw new Error("no HANGUP_COMPLETE");
  return event;
}

const secret = "bench";

/** `count` signed chat messages, `concurrency` in flight, over keep-alive loopback: requests/s. */
async function drive(url: string, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const body = JSON.stringify({
        type: "message.customer",
        conversationId: `conv-${i % 500}`,
        channel: "web",
        at: new Date().toISOString(),
        messageId: `m-${i}`,
        text: "where is my parcel? 我的快递到哪里了",
      });
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await fetch(url, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-starboard-timestamp": ts,
          "x-starboard-delivery": `bench-${i}`,
          "x-starboard-signature": sign(secret, ts, body),
        },
      });
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`request ${i} answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}

async function bareServer(count: number, concurrency: number): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end("{}"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  try {
    return await drive(`http://127.0.0.1:${port}/chat/events`, count, concurrency);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

export async function ingestBenchmarks(options: {
  kafkaBrokers?: string[];
  events?: number;
  progress: BenchProgress;
}): Promise<BenchRow[]> {
  options.progress("ingest: ESL HANGUP_COMPLETE frames parsed + normalized vs JSON.parse");
  const event = hangupEvent();
  const esl = measureEslThroughput(event.plain, event.json, Math.min(options.events ?? 20_000, 20_000));
  const rows: BenchRow[] = [
    row({
      area: "ingest",
      name: `ESL frames parsed+normalized (${event.plain.length} B HANGUP_COMPLETE, median of ${esl.rounds} alternating rounds)`,
      value: Math.round(esl.framesPerSecond),
      unit: "frames/s",
      reference: "JSON.parse of the same event's text/event-json bytes",
      referenceValue: Math.round(esl.jsonParsePerSecond),
      target: ">= 0.5 x JSON.parse",
    }),
  ];
  const requests = Math.min(options.events ?? 5_000, 5_000);
  const concurrency = 16;
  options.progress(`ingest: ${requests} signed webhooks on loopback, ${concurrency} in flight`);
  const reference = await bareServer(requests, concurrency);
  const dir = mkdtempSync(join(tmpdir(), "starboard-bench-ingest-"));
  const log = new InProcessEventLog({ dataDir: dir });
  try {
    await log.ensureTopics(standardTopics());
    const gateway = createChatGateway({ log, secrets: [secret] });
    const port = await gateway.listen(0);
    const accepted = await drive(`http://127.0.0.1:${port}/chat/events`, requests, concurrency);
    await gateway.close();
    rows.push(
      row({
        area: "ingest",
        name: "webhook events accepted (signed, validated, durable on the in-process log)",
        value: Math.round(accepted),
        unit: "events/s",
        reference: "bare node:http answering 200",
        referenceValue: Math.round(reference),
        target: ">= 1000 events/s",
      }),
    );
  } finally {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
