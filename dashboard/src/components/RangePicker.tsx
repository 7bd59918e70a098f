"use client";

import { type ReactNode, useState } from "react";
import { codeText } from "../lib/code-text";
import { useSession } from "../lib/session";

export interface RangeValue {
  from: string;
  to: string;
  interval: string;
}

/** From / to days and a bucket size; the report asks again only when "Show" is pressed. */
export function RangePicker({
  value,
  intervals,
  onApply,
  children,
}: {
  value: RangeValue;
  intervals: string[];
  onApply: (next: RangeValue) => void;
  children?: ReactNode;
}) {
  const { t } = useSession();
  const [draft, setDraft] = useState(value);
  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <label>
        {t("from")}
        <input
          type="date"
          name="from"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
      </label>
      <label>
        {t("to")}
        <input
          type="date"
          name="to"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
      </label>
      {intervals.length > 0 && (
        <label>
          {t("interval")}
          <select
            name="interval"
            value={draft.interval}
            onChange={(e) => setDraft({ ...draft, interval: e.target.value })}
          >
            {intervals.map((i) => (
              <option key={i} value={i}>
                {codeText(t, "interval", i)}
              </option>
            ))}
          </select>
        </label>
      )}
      {children}
      <button type="submit" className="primary">
        {t("apply")}
      </button>
    </form>
  );
}
