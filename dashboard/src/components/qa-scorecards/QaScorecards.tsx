"use client";

import { useMemo, useState } from "react";
import { useQuery } from "../../lib/hooks";
import { defaultRange, rangeToIso } from "../../lib/range";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";
import { RangePicker, type RangeValue } from "../RangePicker";
import { Status } from "../Status";
import { RulePrecision } from "./RulePrecision";
import { type Scorecard, ScorecardTable } from "./ScorecardTable";
import { ScorecardTrend } from "./ScorecardTrend";

const query = `query($from: DateTime!, $to: DateTime!, $groupBy: ScorecardGrouping) {
  qaScorecards(from: $from, to: $to, groupBy: $groupBy) {
    group handled flags falsePositives hits hitsPer100
    categories { category hits hitsPer100 }
    daily { day handled hits hitsPer100 } } }`;

/** QA scorecards (agents or teams × categories, hits per 100 handled, daily trend) and rule precision. */
export function QaScorecards() {
  const { t, role } = useSession();
  const [range, setRange] = useState<RangeValue>({ ...defaultRange(14), interval: "" });
  // Switching agents / teams asks again at once; the dates wait for "Show" like other reports.
  const [groupBy, setGroupBy] = useState("AGENT");
  const vars = useMemo(() => {
    try {
      return { ...rangeToIso(range.from, range.to), groupBy };
    } catch {
      return undefined;
    }
  }, [range, groupBy]);
  const result = useQuery<{ qaScorecards: Scorecard[] }>(query, vars ?? {}, vars === undefined);
  const cards = result.data?.qaScorecards ?? [];
  return (
    <div className="stack">
      <RangePicker value={range} intervals={[]} onApply={setRange}>
        <GroupBySelect value={groupBy} onChange={setGroupBy} />
      </RangePicker>
      <section className="card" data-testid="qa-scorecards">
        <h2>{t("qaScorecards")}</h2>
        <Status
          loading={result.loading}
          error={result.error}
          empty={result.data !== undefined && cards.length === 0}
        />
        {cards.length > 0 && <ScorecardTable cards={cards} team={groupBy === "TEAM"} />}
      </section>
      {cards.length > 0 && <ScorecardTrend cards={cards} team={groupBy === "TEAM"} />}
      {vars !== undefined && can(role, "Query.qaRulePrecision") && (
        <RulePrecision from={vars.from} to={vars.to} />
      )}
    </div>
  );
}

function GroupBySelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useSession();
  return (
    <label>
      {t("groupBy")}
      <select name="groupBy" data-testid="group-by" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="AGENT">{t("groupBy_AGENT")}</option>
        <option value="TEAM">{t("groupBy_TEAM")}</option>
      </select>
    </label>
  );
}
