// Where customers are better served: each channel scored on the measures customers feel (satisfied,
// resolved, not abandoned, answered fast), each scaled between the worst (0) and best (1) channel of
// the range, then averaged over the measures it has. A measure counts only when at least two
// channels have it, and CSAT only with enough survey answers to mean something.

export interface ChannelMeasures {
  channel: string;
  handled: number;
  csat: number | null;
  csatResponses: number;
  resolutionRate: number | null;
  abandonRate: number | null;
  asaSeconds: number | null;
  firstResponseSeconds: number | null;
}

export type Measure = "csat" | "resolutionRate" | "abandonRate" | "asaSeconds" | "firstResponseSeconds";

const better: Record<Measure, "high" | "low"> = {
  csat: "high",
  resolutionRate: "high",
  abandonRate: "low",
  asaSeconds: "low",
  firstResponseSeconds: "low",
};

export interface ChannelScore {
  channel: string;
  /** 0..1 (1: best on every measure it has); null when no measure could be compared. */
  score: number | null;
  /** Measures on which this channel is the best of the range. */
  bestAt: Measure[];
  /** 1 = best served; channels without a score come last, unranked (null). */
  rank: number | null;
}

export function channelEffectiveness(rows: readonly ChannelMeasures[], minCsatResponses = 5): ChannelScore[] {
  const value = (r: ChannelMeasures, m: Measure): number | null =>
    m === "csat" && r.csatResponses < minCsatResponses ? null : r[m];
  const scores = new Map<string, number[]>();
  const bestAt = new Map<string, Measure[]>();
  for (const m of Object.keys(better) as Measure[]) {
    const have = rows.flatMap((r) => {
      const v = value(r, m);
      return v === null ? [] : [{ channel: r.channel, v }];
    });
    if (have.length < 2) continue;
    const values = have.map((h) => h.v);
    const hi = Math.max(...values);
    const lo = Math.min(...values);
    const best = better[m] === "high" ? hi : lo;
    for (const h of have) {
      // All equal: nobody is better on this measure.
      const s = hi === lo ? 1 : better[m] === "high" ? (h.v - lo) / (hi - lo) : (hi - h.v) / (hi - lo);
      scores.set(h.channel, [...(scores.get(h.channel) ?? []), s]);
      if (hi !== lo && h.v === best) bestAt.set(h.channel, [...(bestAt.get(h.channel) ?? []), m]);
    }
  }
  const scored = rows.map((r) => {
    const list = scores.get(r.channel) ?? [];
    return {
      channel: r.channel,
      score: list.length === 0 ? null : list.reduce((a, b) => a + b, 0) / list.length,
      bestAt: bestAt.get(r.channel) ?? [],
    };
  });
  const ranked = scored
    .filter((s) => s.score !== null)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.channel.localeCompare(b.channel));
  return [
    ...ranked.map((s, i) => ({ ...s, rank: i + 1 })),
    ...scored.filter((s) => s.score === null).map((s) => ({ ...s, rank: null })),
  ];
}
