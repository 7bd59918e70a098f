// How far V8 lets a heap grow past what was alive at the last full GC. On a machine with a lot of
// memory V8 picks a factor of up to 4, so under steady load the platform's heap settled near four
// times its live objects (about 800 MB committed for ~210 MB alive in the 200-agent load run) and
// the load generator's thread the same; shared event bodies, which a thread frees only at its full
// GCs, waited as long. A fixed 1.5 keeps the committed heaps near 1.5x what is alive for a few more
// full GCs; the load run's main-thread CPU per event did not rise with it (171 against 188 us).

import { setFlagsFromString } from "node:v8";

/** The heap may grow to (1 + percent/100) times its live size before the next full GC. */
export const heapGrowingPercent = 50;

const flag = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * Applies the growth limit to every isolate in the process (the flag is process-wide and read at
 * each GC), unless the operator chose one on node's command line. Returns whether it applied it.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => flag.test(arg))) return false;
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
  return true;
}
