"use client";

import { codeText } from "../../lib/code-text";
import { operationErrorText } from "../../lib/server-text";
import { useSession } from "../../lib/session";
import type { Outcome } from "./commands";

export function Outcomes({ outcomes }: { outcomes: Outcome[] }) {
  const { t, fmt } = useSession();
  return (
    <section className="card" data-testid="outcomes">
      <h2>{t("outcomes")}</h2>
      <ul className="plain">
        {outcomes.map((o) => (
          <li key={`${o.at}-${o.operation}-${o.target}`} data-testid="outcome" data-status={o.status}>
            <span className="muted">{fmt.time(o.at)}</span> {codeText(t, "supervisorOperation", o.operation)}{" "}
            · {o.target.slice(0, 12)} ·{" "}
            <strong className={`outcome-${o.status}`}>
              {o.status === "ERROR" ? t("error") : codeText(t, "operationStatus", o.status)}
            </strong>
            {o.message !== undefined && (
              <span className="muted" title={o.message}>
                {" "}
                — {operationErrorText(t, o.code, o.message)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
