"use client";

import { useSession } from "../../lib/session";

export interface Scorecard {
  group: string | null;
  handled: number;
  flags: number;
  falsePositives: number;
  hits: number;
  hitsPer100: number | null;
  categories: { category: string; hits: number; hitsPer100: number | null }[];
  daily: { day: string; handled: number; hits: number; hitsPer100: number | null }[];
}

/** Agents or teams × categories: hits per 100 contacts handled, the group's total first. */
export function ScorecardTable({ cards, team }: { cards: Scorecard[]; team: boolean }) {
  const { t, fmt } = useSession();
  // Categories by hits over every group, so the columns read most frequent first.
  const totals = new Map<string, number>();
  for (const c of cards)
    for (const k of c.categories) totals.set(k.category, (totals.get(k.category) ?? 0) + k.hits);
  const categories = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rate = (n: number | null) => fmt.decimal(n, 1);
  return (
    <div className="scroll-x">
      <table>
        <thead>
          <tr>
            <th>{team ? t("team") : t("agent")}</th>
            <th className="num">{t("handled")}</th>
            <th className="num">{t("hits")}</th>
            <th className="num">{t("falsePositives")}</th>
            <th className="num">{t("hitsPer100")}</th>
            {categories.map(([category]) => (
              <th key={category} className="num">
                {category}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cards.map((c) => (
            <tr key={c.group ?? ""} data-testid={`scorecard-${c.group ?? "none"}`}>
              <td>{c.group ?? t("noTeam")}</td>
              <td className="num">{fmt.int(c.handled)}</td>
              <td className="num">{fmt.int(c.hits)}</td>
              <td className="num">{fmt.int(c.falsePositives)}</td>
              <td className="num" data-testid="hits-per-100">
                {rate(c.hitsPer100)}
              </td>
              {categories.map(([category]) => {
                const k = c.categories.find((x) => x.category === category);
                return (
                  <td key={category} className="num">
                    {k === undefined ? t("none") : rate(k.hitsPer100)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
