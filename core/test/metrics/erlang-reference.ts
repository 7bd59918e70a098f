// Independent references for Erlang C, sharing no code or method with the implementation (which
// runs the Erlang B recurrence): the textbook formula itself, in exact integer arithmetic for small
// N, and summed in log space for thousands of agents.
//
//   P_W = [A^N/N! · N/(N−A)] / [Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)]

/**
 * Exact P(wait) for A = p/q. Multiplying through by N!·q^N·(Nq − p) leaves only integers:
 *   P_W = p^N·N·q / (S·(Nq − p) + p^N·N·q),  S = Σ_{k<N} p^k·q^(N−k)·N!/k!
 */
export function erlangCExact(agents: number, p: bigint, q = 1n): number {
  const n = BigInt(agents);
  let s = 0n;
  let fallingFactorial = 1n; // N!/k!, built from k = N downwards
  for (let k = agents - 1; k >= 0; k--) {
    fallingFactorial *= BigInt(k + 1);
    s += p ** BigInt(k) * q ** BigInt(agents - k) * fallingFactorial;
  }
  const top = p ** n * n * q;
  const bottom = s * (n * q - p) + top;
  const scale = 10n ** 60n;
  return Number((top * scale) / bottom) / 1e60;
}

/** P(wait) by log-sum-exp over ln(A^k/k!) = k·ln A − Σ ln i, for N in the thousands. */
export function erlangCLogSpace(agents: number, traffic: number): number {
  const logA = Math.log(traffic);
  const logTerms: number[] = [];
  let logFactorial = 0;
  for (let k = 0; k < agents; k++) {
    if (k > 0) logFactorial += Math.log(k);
    logTerms.push(k * logA - logFactorial);
  }
  const logLast = agents * logA - (logFactorial + Math.log(agents)) + Math.log(agents / (agents - traffic));
  const max = Math.max(logLast, ...logTerms);
  let sum = 0;
  for (const t of logTerms) sum += Math.exp(t - max);
  const last = Math.exp(logLast - max);
  return last / (sum + last);
}
