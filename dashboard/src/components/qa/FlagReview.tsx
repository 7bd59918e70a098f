"use client";

import { useState } from "react";
import { codeText } from "../../lib/code-text";
import { useMutation } from "../../lib/hooks";
import { can } from "../../lib/roles";
import { useSession } from "../../lib/session";

const reviewMutation = `mutation($flagId: ID!, $verdict: QaVerdict!, $note: String) {
  reviewQaFlag(flagId: $flagId, verdict: $verdict, note: $note) { status error { code message } } }`;

type Verdict = "confirmed" | "false-positive";
const verdictName: Record<Verdict, string> = { confirmed: "CONFIRMED", "false-positive": "FALSE_POSITIVE" };

/**
 * A flag's verdict, and for reviewers Confirm / False positive with an optional note. The warehouse
 * shows a new verdict a moment later, so the answer of the mutation is shown at once.
 */
export function FlagReview({ flagId, verdict }: { flagId: string; verdict: string | null }) {
  const { t, role } = useSession();
  const send = useMutation();
  const [note, setNote] = useState("");
  const [mine, setMine] = useState<Verdict | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const shown = mine ?? verdict;
  const review = async (v: Verdict) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await send<{ reviewQaFlag: { status: string; error: { message: string } | null } }>(
        reviewMutation,
        { flagId, verdict: verdictName[v], note: note.trim() === "" ? null : note.trim() },
      );
      if (r.reviewQaFlag.status === "SUCCEEDED") setMine(v);
      else setError(r.reviewQaFlag.error?.message ?? r.reviewQaFlag.status);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="review">
      <span data-testid="verdict" className={shown === null ? "muted" : undefined}>
        {shown === null ? t("unreviewed") : codeText(t, "flagVerdict", shown)}
      </span>
      {can(role, "Mutation.reviewQaFlag") && (
        <span className="row">
          <input
            aria-label={t("reviewNote")}
            placeholder={t("reviewNote")}
            value={note}
            maxLength={4000}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" disabled={busy} onClick={() => void review("confirmed")}>
            {t("confirm")}
          </button>
          <button
            type="button"
            className="subtle"
            disabled={busy}
            onClick={() => void review("false-positive")}
          >
            {t("falsePositive")}
          </button>
        </span>
      )}
      {error !== undefined && <span className="error">{error}</span>}
    </div>
  );
}
