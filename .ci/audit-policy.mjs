// What `npm audit --json` means for the build, as a pure function so it is tested without a
// registry (cli/test/audit.test.ts). `.ci/audit.mjs` runs npm and applies it.

/** Severities that fail the build. */
export const failingSeverities = ["high", "critical"];

/**
 * @typedef {{ package: string, advisory: string, reason: string, reviewBy: string }} AuditException
 * @typedef {{ package: string, id: string, ghsa: string | undefined, severity: string, title: string, url: string }} Advisory
 * @typedef {{ status: "pass" | "fail", blocking: Advisory[], excepted: Advisory[], expired: AuditException[], unused: AuditException[] }
 *   | { status: "not-performed", reason: string }} Decision
 */

const isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks the exceptions file, `{"about": "...", "exceptions": [...]}`: every entry names the
 * package, the advisory (npm's numeric id or the GHSA id), why it is accepted, and the date by
 * which someone must look again (after it, the exception no longer applies).
 * @returns {{ ok: true, exceptions: AuditException[] } | { ok: false, error: string }}
 */
export function validateExceptions(file) {
  if (!isRecord(file) || !Array.isArray(file.exceptions))
    return { ok: false, error: 'audit exceptions: expected {"exceptions": [...]}' };
  const value = file.exceptions;
  const fields = ["package", "advisory", "reason", "reviewBy"];
  for (const [i, entry] of value.entries()) {
    if (!isRecord(entry)) return { ok: false, error: `audit exceptions[${i}]: expected an object` };
    for (const field of fields) {
      if (typeof entry[field] !== "string" || entry[field].trim() === "")
        return { ok: false, error: `audit exceptions[${i}].${field}: required, a non-empty string` };
    }
    const unknown = Object.keys(entry).filter((k) => !fields.includes(k));
    if (unknown.length > 0)
      return { ok: false, error: `audit exceptions[${i}].${unknown[0]}: unknown field` };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.reviewBy) || Number.isNaN(Date.parse(entry.reviewBy)))
      return { ok: false, error: `audit exceptions[${i}].reviewBy: expected a date, YYYY-MM-DD` };
  }
  return { ok: true, exceptions: value };
}

/** Why the audit did not run, from npm's error JSON (a 405 from the registry, no network...). */
function notPerformed(report) {
  if (!isRecord(report)) return "npm audit printed no JSON report";
  if (isRecord(report.vulnerabilities)) return undefined;
  const error = isRecord(report.error) ? report.error : {};
  const parts = [
    report.statusCode === undefined ? undefined : `HTTP ${report.statusCode}`,
    typeof report.message === "string" ? report.message : undefined,
    typeof error.code === "string" ? error.code : undefined,
    typeof error.summary === "string" && error.summary !== "" ? error.summary : undefined,
  ].filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join(": ") : "npm audit's report has no vulnerabilities section";
}

/** The advisories behind high and critical findings, once each (a finding's `via` objects). */
export function advisoriesOf(report) {
  const found = new Map();
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities)) {
    if (!isRecord(vulnerability) || !Array.isArray(vulnerability.via)) continue;
    for (const via of vulnerability.via) {
      // A string `via` names another vulnerable package: its own entry carries the advisory.
      if (!isRecord(via) || !failingSeverities.includes(via.severity)) continue;
      const pkg = typeof via.name === "string" ? via.name : name;
      const url = typeof via.url === "string" ? via.url : "";
      const id = String(via.source ?? url);
      const ghsa = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/i.exec(url)?.[0];
      found.set(`${pkg} ${id}`, {
        package: pkg,
        id,
        ghsa,
        severity: via.severity,
        title: String(via.title ?? ""),
        url,
      });
    }
  }
  return [...found.values()];
}

const matches = (exception, advisory) =>
  exception.package === advisory.package &&
  (exception.advisory === advisory.id || exception.advisory.toLowerCase() === advisory.ghsa?.toLowerCase());

/**
 * The build's verdict on an npm audit report: high and critical advisories fail it unless an
 * exception names the package and the advisory and its review date has not passed.
 * @param {unknown} report what `npm audit --json` printed, parsed
 * @param {AuditException[]} exceptions
 * @param {string} today YYYY-MM-DD
 * @returns {Decision}
 */
export function decide(report, exceptions, today) {
  const reason = notPerformed(report);
  if (reason !== undefined) return { status: "not-performed", reason };
  const current = exceptions.filter((e) => e.reviewBy >= today);
  const expired = exceptions.filter((e) => e.reviewBy < today);
  const blocking = [];
  const excepted = [];
  for (const advisory of advisoriesOf(report)) {
    if (current.some((e) => matches(e, advisory))) excepted.push(advisory);
    else blocking.push(advisory);
  }
  const unused = current.filter((e) => !excepted.some((a) => matches(e, a)));
  return { status: blocking.length > 0 ? "fail" : "pass", blocking, excepted, expired, unused };
}
