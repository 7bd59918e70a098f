import { EslFrameParser } from "./frame-parser";
import { EslMapper } from "./mapper";

export interface EslThroughput {
  framesPerSecond: number;
  megabytesPerSecond: number;
  /** JSON.parse of the same event as a text/event-json body would carry it: the reference. */
  jsonParsePerSecond: number;
  ratio: number;
}

/**
 * For the `starboard bench` row: frames parsed and normalized per second, beside JSON.parse of
 * the same event's headers. `frame` is one text/event-plain frame on the wire; it is fed in
 * TCP-sized chunks so the measurement includes reassembly.
 */
export function measureEslThroughput(frame: Buffer, iterations = 5_000): EslThroughput {
  const perChunk = Math.max(1, Math.floor(65_536 / frame.length));
  const chunk = Buffer.concat(Array.from({ length: perChunk }, () => frame));
  const parser = new EslFrameParser();
  const mapper = new EslMapper();
  let json = "{}";
  let n = 0;
  const start = performance.now();
  while (n < iterations) {
    for (const r of parser.push(chunk)) {
      n += 1;
      if (r.ok && "event" in r.frame) {
        mapper.map(r.frame.event);
        if (n === 1) json = JSON.stringify(r.frame.event.headers.toObject());
      }
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const jsonStart = performance.now();
  let parsed = 0;
  for (let i = 0; i < n; i++) if (JSON.parse(json) !== null) parsed += 1;
  const jsonSeconds = (performance.now() - jsonStart) / 1000;
  const framesPerSecond = n / seconds;
  const jsonParsePerSecond = parsed / jsonSeconds;
  return {
    framesPerSecond,
    megabytesPerSecond: (n * frame.length) / seconds / 1e6,
    jsonParsePerSecond,
    ratio: framesPerSecond / jsonParsePerSecond,
  };
}
