import type { Warehouse } from "../client";
import { type ChannelReport, channelComparison } from "./channels";
import type { TimeRange } from "./named-query";

// Where customers are better served: each channel scored on what customers feel (satisfied,
// resolved, not abandoned, answered fast), each measure scaled between the worst (0) and best (1)
// channel of the range, then averaged over the measures the channel has. A measure counts only when
// at least two channels have it, CSAT only with enough survey answers to mean something.

export type ServiceMeasure =
  | "csat"
  | "resolutionRate"
  | "abandonRate"
  | "asaSeconds"
  | "firstResponseSeconds";

export type ChannelMeasures = Pick<
  ChannelReport,
  | "channel"
  | "csat"
  | "csatResponses"
  | "resolutionRate"
  | "abandonRate"
  | "asaSeconds"
  | "firstResponseSeconds"
>;

const better: Record<ServiceMeasure, "high" | "low"> = {
  csat: "high",
  resolutionRate: "high",
  abandonRate: "low",
  asaSeconds: "low",
  firstResponseSeconds: "low",
};

export interface ChannelRank {
  channel: string;
  /** 0..1 (1: best on every measure it has); null when no measure could be compared. */
  score: number | null;
  /** Measures on which this channel is the best of the range (ties share it; all equal: nobody). */
  bestAt: ServiceMeasure[];
  /** 1 = best served; null for a channel without a score (listed last). */
  rank: number | null;
}

export function rankChannels(rows: readonly ChannelMeasures[], minCsatResponses = 5): ChannelRank[] {
  const value = (r: ChannelMeasures, m: ServiceMeasure): number | null =>
    m === "csat" && r.csatResponses < minCsatResponses ? null : r[m];
  const scores = new Map<string, number[]>();
  const bestAt = new Map<string, ServiceMeasure[]>();
  for (const m of Object.keys(better) as ServiceMeasure[]) {
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

export interface ChannelEffectiveness {
  /** The best-served channel, null when channels could not be compared. */
  bestChannel: string | null;
  /** Best first: each channel's measures with its rank and score. */
  channels: (ChannelReport & ChannelRank)[];
}

/** The channel comparison of [from, to) (whole UTC days, chat first response included), ranked. */
export async function channelEffectiveness(
  warehouse: Warehouse,
  query: TimeRange & { minCsatResponses?: number },
): Promise<ChannelEffectiveness> {
  const rows = await channelComparison(warehouse, { ...query, firstResponse: true });
  const ranks = rankChannels(rows, query.minCsatResponses ?? 5);
  const byChannel = new Map(rows.map((r) => [r.channel, r]));
  const channels = ranks.flatMap((k) => {
    const row = byChannel.get(k.channel);
    return row === undefined ? [] : [{ ...row, ...k }];
  });
  const first = channels[0];
  return { bestChannel: first !== undefined && first.rank !== null ? first.channel : null, channels };
}
