import { apiBenchmarks } from "./api-bench";

// `npm run bench -w @starboard/graphql`: the API rows alone (also `starboard bench --only api`).
const seconds = Number(process.env.STARBOARD_BENCH_SECONDS ?? 20);
const rows = await apiBenchmarks({ seconds, progress: (m) => process.stderr.write(`… ${m}\n`) });
for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
