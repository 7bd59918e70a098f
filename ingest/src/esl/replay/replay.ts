import type { StarboardEvent } from "@starboard/core";
import { EslFrameParser, type FrameParserOptions } from "../frame-parser";
import type { EslFrameError } from "../frame-types";
import { EslMapper, type MapperOptions } from "../mapper";

/** A refusal on the way from bytes to events: a frame that did not parse, or an event the mapper refused. */
export interface ReplayRejection {
  step: "esl.frame" | "esl.map";
  /** Dead-letter key: the channel uuid when known. */
  key: string;
  reason: string;
  /** What was refused, for the dead-letter record. */
  raw: Uint8Array | string;
}

export interface ReplayResult {
  events: StarboardEvent[];
  rejected: ReplayRejection[];
  /** Frames seen by kind: what a person replaying a capture wants to know at a glance. */
  counts: { frames: number; events: number; mapped: number; dropped: number; rejected: number };
}

export interface ReplayOptions {
  mapper?: Partial<MapperOptions>;
  parser?: FrameParserOptions;
}

/**
 * A capture of event-socket bytes, as they came off the wire, through the same parser and mapper
 * the live adapter uses: the golden tests and `starboard esl-replay` see exactly what production
 * would publish. Never throws on input; bad bytes become rejections with their reason.
 */
export function replayCapture(bytes: Uint8Array, options: ReplayOptions = {}): ReplayResult {
  const parser = new EslFrameParser(options.parser);
  const mapper = new EslMapper({ source: "esl:replay", ...options.mapper });
  const result: ReplayResult = {
    events: [],
    rejected: [],
    counts: { frames: 0, events: 0, mapped: 0, dropped: 0, rejected: 0 },
  };
  const reject = (r: ReplayRejection) => {
    result.rejected.push(r);
    result.counts.rejected += 1;
  };
  for (const r of [...parser.push(bytes), ...parser.end()]) {
    if (!r.ok) {
      reject(frameRejection(r.error));
      continue;
    }
    result.counts.frames += 1;
    if (!("event" in r.frame)) continue;
    const event = r.frame.event;
    result.counts.events += 1;
    const mapped = mapper.map(event);
    if (mapped.kind === "ok") {
      result.counts.mapped += 1;
      result.events.push(...mapped.events);
    } else if (mapped.kind === "drop") result.counts.dropped += 1;
    else {
      reject({
        step: "esl.map",
        key: event.headers.get("Unique-ID") ?? "esl",
        reason: mapped.reason,
        raw: JSON.stringify(event.headers.toObject()),
      });
    }
  }
  return result;
}

function frameRejection(error: EslFrameError): ReplayRejection {
  return { step: "esl.frame", key: "esl:frame", reason: `${error.code}: ${error.message}`, raw: error.raw };
}
