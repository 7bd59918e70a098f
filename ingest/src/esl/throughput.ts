import { EslFrameParser } from "./frame-parser";
import { EslMapper } from "./mapper";

export interface EslThroughput {
  /** Medians over the rounds. */
  framesPerSecond: number;
  megabytesPerSecond: number;
  /** JSON.parse of the same event as a text/event-json body carries it (from its bytes): the reference. */
  jsonParsePerSecond: number;
  /** Median of the per-round ratios (each round times both sides back to back). */
  ratio: number;
  rounds: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/**
 * For the `starboard bench` row: frames parsed and normalized per second, beside JSON.parse of the
 * same event as FreeSWITCH sends it in `text/event-json`. `plainFrame` is one text/event-plain
 * frame on the wire, fed in TCP-sized chunks so the measurement includes reassembly; `jsonBody` is
 * the event-json body of the same event, decoded from bytes each time as a socket reader must.
 *
 * Both sides are warmed up (JIT tiers, the ByteQueue grown), then run alternately for several
 * rounds, and the medians are reported: one GC pause or a noisy neighbour moves one round, not the
 * result.
 */
export function measureEslThroughput(
  plainFrame: Buffer,
  jsonBody: Buffer,
  iterations = 20_000,
  rounds = 7,
): EslThroughput {
  const perChunk = Math.max(1, Math.floor(65_536 / plainFrame.length));
  const chunk = Buffer.concat(Array.from({ length: perChunk }, () => plainFrame));
  const parser = new EslFrameParser();
  const mapper = new EslMapper();
  let sink = 0;
  const esl = (n: number): number => {
    let done = 0;
    const start = performance.now();
    while (done < n) {
      for (const r of parser.push(chunk)) {
        done += 1;
        if (r.ok && "event" in r.frame) sink += mapper.map(r.frame.event).kind.length;
      }
    }
    return done / ((performance.now() - start) / 1000);
  };
  const json = (n: number): number => {
    const start = performance.now();
    for (let i = 0; i < n; i++) if (JSON.parse(jsonBody.toString("utf8")) !== null) sink += 1;
    return n / ((performance.now() - start) / 1000);
  };
  const warm = Math.max(1_000, Math.floor(iterations / 4));
  esl(warm);
  json(warm);
  const eslRates: number[] = [];
  const jsonRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first, so neither always runs right after the other's garbage.
    let e: number;
    let j: number;
    if (round % 2 === 0) {
      e = esl(iterations);
      j = json(iterations);
    } else {
      j = json(iterations);
      e = esl(iterations);
    }
    eslRates.push(e);
    jsonRates.push(j);
    ratios.push(e / j);
  }
  if (sink < 0) throw new Error("unreachable: keeps the work observable");
  const framesPerSecond = median(eslRates);
  return {
    framesPerSecond,
    megabytesPerSecond: (framesPerSecond * plainFrame.length) / 1e6,
    jsonParsePerSecond: median(jsonRates),
    ratio: median(ratios),
    rounds,
  };
}
