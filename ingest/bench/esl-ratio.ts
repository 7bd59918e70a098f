// `npx tsx ingest/bench/esl-ratio.ts [runs]`: the ESL bench row alone, several times, for profiling
// (`node --import tsx --cpu-prof ingest/bench/esl-ratio.ts`) and before/after comparisons.
import { measureEslThroughput } from "../src/esl/throughput";
import { hangupEvent } from "./ingest-bench";

const event = hangupEvent();
const runs = Number(process.argv[2] ?? "3");
for (let i = 0; i < runs; i++) {
  const r = measureEslThroughput(event.plain, event.json);
  console.log(
    `esl ${Math.round(r.framesPerSecond)}/s json ${Math.round(r.jsonParsePerSecond)}/s ratio ${r.ratio.toFixed(3)} (${event.plain.length} B plain, ${event.json.length} B json)`,
  );
}
