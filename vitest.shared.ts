/**
 * Reporters for every package's vitest config: in CI (.ci/run sets STARBOARD_TEST_REPORT_DIR) each
 * run also writes a JSON report, which .ci/summary.mjs adds up into one "N passed, N failed" line.
 */
export function reporters(suite: string): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.STARBOARD_TEST_REPORT_DIR;
  if (dir === undefined || dir === "") return ["default"];
  return ["default", ["json", { outputFile: `${dir}/${suite}.json` }]];
}
