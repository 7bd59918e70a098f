// The reason beside an audit entry, in the reader's language. The API passes on the sentence the
// server wrote into the log (graphql/src: services/supervisor.ts, services/qa-review.ts and the role
// check in server/start.ts); its known shapes are worded from their parts, anything else (the
// switch's own reply to a failed command, a newer server's sentence) is shown as written.

import { codeText } from "./code-text";
import type { MessageKey } from "./i18n";

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface AuditReasonEntry {
  action: string;
  role: string;
  outcome: string;
  reason: string | null;
}

const targetStates: Record<string, MessageKey> = {
  READY: "forceReady",
  NOT_READY: "forceNotReady",
  SIGNED_OUT: "forceSignOut",
};

// "role qa may not take-over-call"
const denied = /^role \S+ may not \S+$/;
// "NOT_READY:meeting (when the current contact ends)"
const setState = /^(READY|NOT_READY|SIGNED_OUT)(?::(.+?))?( \(when the current contact ends\))?$/;
// "false-positive flag-1 (abuse-rule)"
const review = /^(confirmed|false-positive) (\S+) \((.+)\)$/;

export function auditReasonText(t: T, a: AuditReasonEntry): string | null {
  const reason = a.reason;
  if (reason === null || reason === "") return null;
  if (a.outcome === "denied" && denied.test(reason))
    return t("auditDenied", { role: codeText(t, "role", a.role) });
  if (a.action === "SET_AGENT_STATE" && a.outcome === "accepted") {
    const m = setState.exec(reason);
    const state = m?.[1] === undefined ? undefined : targetStates[m[1]];
    if (m !== null && state !== undefined) {
      // The not-ready reason is the install's code (lunch, meeting): as configured.
      let text = m[2] === undefined ? t(state) : `${t(state)}: ${m[2]}`;
      if (m[3] !== undefined) text += t("clauseSeparator") + t("auditWhenContactEnds");
      return text;
    }
  }
  if (a.action === "REVIEW_QA_FLAG" && a.outcome === "accepted") {
    const m = review.exec(reason);
    if (m?.[1] !== undefined) return `${codeText(t, "flagVerdict", m[1])} ${m[2]} (${m[3]})`;
  }
  return reason;
}
