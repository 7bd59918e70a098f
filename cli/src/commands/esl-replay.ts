import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { openEventLog } from "@starboard/core";
import { publishReplay, replayCapture } from "@starboard/ingest";
import { type Command, UsageError } from "../command";
import { baseConfig } from "../config";

export const eslReplayCommand: Command = {
  name: "esl-replay",
  summary: "replay a capture of FreeSWITCH event-socket frames: normalized events as JSON lines",
  usage: `starboard esl-replay <capture-file> [--publish] [--source <name>] [--json]

  <capture-file>   bytes as FreeSWITCH sent them on the event socket (Content-Length/Content-Type
                   frames, text/event-plain or text/event-json bodies)
  --publish        also put the events on the log (Kafka when STARBOARD_KAFKA_BROKERS is set, else the
                   embedded log in STARBOARD_DATA_DIR); refused frames go to the dead-letter topic
  --source <name>  envelope source of the events (default esl:replay)
  --json           the summary on stderr as one JSON object (events are always JSON lines on stdout)
  Refused frames are reported on stderr with their reason and a count.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        publish: { type: "boolean", default: false },
        source: { type: "string", default: "esl:replay" },
        json: { type: "boolean", default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError("missing <capture-file>");
    if (extra.length > 0) throw new UsageError(`one capture file at a time (got ${positionals.length})`);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      io.err(`starboard esl-replay: cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const result = replayCapture(bytes, { mapper: { source: values.source } });
    for (const event of result.events) io.out(JSON.stringify(event));
    for (const r of result.rejected) io.err(`refused (${r.step}): ${r.reason}`);
    let published: { events: number; deadLettered: number } | undefined;
    if (values.publish) {
      const config = baseConfig();
      const log = await openEventLog({ dataDir: config.dataDir, kafkaBrokers: config.kafkaBrokers });
      try {
        published = await publishReplay(log, result);
      } finally {
        await log.close();
      }
    }
    const summary = { ...result.counts, published: published?.events, deadLettered: published?.deadLettered };
    if (values.json) io.err(JSON.stringify(summary));
    else {
      io.err(
        `${result.counts.frames} frames, ${result.counts.events} FreeSWITCH events -> ${result.events.length} Starboard events; ${result.counts.dropped} not contact facts; ${result.counts.rejected} refused` +
          (published === undefined
            ? ""
            : `; published ${published.events}, dead-lettered ${published.deadLettered}`),
      );
    }
    return 0;
  },
};
