import { describe, expect, it } from "vitest";

// The CI audit's decision logic (.ci/audit-policy.mjs), fed with reports shaped like npm 11's
// `npm audit --json` (auditReportVersion 2): advisories under `via`, effects as plain strings.

interface Exception {
  package: string;
  advisory: string;
  reason: string;
  reviewBy: string;
}
interface Advisory {
  package: string;
  id: string;
  ghsa: string | undefined;
  severity: string;
}
type Decision =
  | {
      status: "pass" | "fail";
      blocking: Advisory[];
      excepted: Advisory[];
      expired: Exception[];
      unused: Exception[];
    }
  | { status: "not-performed"; reason: string };
interface Policy {
  decide(report: unknown, exceptions: Exception[], today: string): Decision;
  validateExceptions(file: unknown): { ok: true; exceptions: Exception[] } | { ok: false; error: string };
}

// A plain .mjs script with no type declarations: imported by URL and typed by the interface above.
const policyUrl = new URL("../../.ci/audit-policy.mjs", import.meta.url).href;
const policy = (await import(policyUrl)) as Policy;

const advisory = (
  name: string,
  source: number,
  ghsa: string,
  severity: string,
  title: string,
  range: string,
) => ({
  source,
  name,
  dependency: name,
  title,
  url: `https://github.com/advisories/${ghsa}`,
  severity,
  cwe: ["CWE-400"],
  cvss: { score: 7.5, vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" },
  range,
});

/** ws (high, direct), braces (high) reaching micromatch, form-data (critical), cookie (low). */
function report(only?: string[]) {
  const vulnerabilities: Record<string, unknown> = {
    ws: {
      name: "ws",
      severity: "high",
      isDirect: true,
      via: [
        advisory(
          "ws",
          1098392,
          "GHSA-3h5v-q93c-6h6q",
          "high",
          "ws DoS with many HTTP headers",
          ">=8.0.0 <8.17.1",
        ),
      ],
      effects: [],
      range: "8.0.0 - 8.17.0",
      nodes: ["node_modules/ws"],
      fixAvailable: true,
    },
    braces: {
      name: "braces",
      severity: "high",
      isDirect: false,
      via: [
        advisory(
          "braces",
          1098094,
          "GHSA-grv7-fg5c-xmjg",
          "high",
          "Uncontrolled resource consumption",
          "<3.0.3",
        ),
      ],
      effects: ["micromatch"],
      range: "<3.0.3",
      nodes: ["node_modules/braces"],
      fixAvailable: true,
    },
    micromatch: {
      name: "micromatch",
      severity: "high",
      isDirect: false,
      via: ["braces"],
      effects: [],
      range: "<=4.0.7",
      nodes: ["node_modules/micromatch"],
      fixAvailable: true,
    },
    "form-data": {
      name: "form-data",
      severity: "critical",
      isDirect: false,
      via: [
        advisory("form-data", 1106508, "GHSA-fjxv-7rqg-78g4", "critical", "unsafe random boundary", "<2.5.4"),
      ],
      effects: [],
      range: "<2.5.4",
      nodes: ["node_modules/form-data"],
      fixAvailable: true,
    },
    cookie: {
      name: "cookie",
      severity: "low",
      isDirect: false,
      via: [
        advisory(
          "cookie",
          1103907,
          "GHSA-pxg6-pf52-xh8x",
          "low",
          "cookie accepts out of bounds characters",
          "<0.7.0",
        ),
      ],
      effects: [],
      range: "<0.7.0",
      nodes: ["node_modules/cookie"],
      fixAvailable: true,
    },
  };
  const kept = Object.fromEntries(Object.entries(vulnerabilities).filter(([n]) => only?.includes(n) ?? true));
  return {
    auditReportVersion: 2,
    vulnerabilities: kept,
    metadata: {
      vulnerabilities: { info: 0, low: 1, moderate: 0, high: 3, critical: 1, total: 5 },
      dependencies: { prod: 120, dev: 480, optional: 12, peer: 0, peerOptional: 0, total: 612 },
    },
  };
}

const today = "2026-11-30";
const exception = (pkg: string, id: string, reviewBy = "2027-01-31"): Exception => ({
  package: pkg,
  advisory: id,
  reason: "only reachable from the dev server",
  reviewBy,
});
const blocking = (d: Decision) =>
  d.status === "not-performed" ? [] : d.blocking.map((a) => a.package).sort();

describe("npm audit policy", () => {
  it("high and critical advisories fail; low ones and transitive effects are not counted again", () => {
    const d = policy.decide(report(), [], today);
    expect(d.status).toBe("fail");
    expect(blocking(d)).toEqual(["braces", "form-data", "ws"]);
  });

  it("passes when only low and moderate advisories remain", () => {
    expect(policy.decide(report(["cookie"]), [], today)).toMatchObject({ status: "pass", blocking: [] });
  });

  it("an exception by npm id or by GHSA id (any case) accepts exactly that advisory of that package", () => {
    const d = policy.decide(
      report(["ws", "braces", "micromatch"]),
      [exception("ws", "1098392"), exception("braces", "ghsa-grv7-fg5c-xmjg")],
      today,
    );
    expect(d).toMatchObject({ status: "pass", blocking: [], unused: [] });
    expect(d.status !== "not-performed" && d.excepted.map((a) => a.package).sort()).toEqual(["braces", "ws"]);
  });

  it("an exception naming another package, or another advisory, does not match", () => {
    const d = policy.decide(
      report(["ws"]),
      [exception("braces", "1098392"), exception("ws", "GHSA-xxxx-xxxx-xxxx")],
      today,
    );
    expect(blocking(d)).toEqual(["ws"]);
    expect(d.status !== "not-performed" && d.unused).toHaveLength(2);
  });

  it("an exception past its review date no longer applies and is reported", () => {
    const old = exception("ws", "1098392", "2026-11-29");
    const d = policy.decide(report(["ws"]), [old], today);
    expect(d).toMatchObject({ status: "fail", expired: [old] });
    expect(policy.decide(report(["ws"]), [exception("ws", "1098392", today)], today).status).toBe("pass");
  });

  it("an unreachable audit endpoint is 'not performed' with npm's reason, never a pass", () => {
    const refused = {
      message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
      method: "POST",
      statusCode: 405,
      body: "",
      error: { summary: "", detail: "" },
    };
    const d = policy.decide(refused, [], today);
    expect(d.status).toBe("not-performed");
    expect(d.status === "not-performed" && d.reason).toMatch(/^HTTP 405: 405 Method Not Allowed/);
    const offline = { error: { code: "ENOTFOUND", summary: "request to https://registry.npmjs.org failed" } };
    expect(policy.decide(offline, [], today)).toEqual({
      status: "not-performed",
      reason: "ENOTFOUND: request to https://registry.npmjs.org failed",
    });
    expect(policy.decide(undefined, [], today).status).toBe("not-performed");
  });

  it("the exceptions file must give package, advisory, reason and a review date", () => {
    expect(policy.validateExceptions({ exceptions: [exception("ws", "1098392")] }).ok).toBe(true);
    expect(policy.validateExceptions([])).toEqual({
      ok: false,
      error: 'audit exceptions: expected {"exceptions": [...]}',
    });
    const { reason: _r, ...noReason } = exception("ws", "1");
    expect(policy.validateExceptions({ exceptions: [noReason] })).toEqual({
      ok: false,
      error: "audit exceptions[0].reason: required, a non-empty string",
    });
    expect(policy.validateExceptions({ exceptions: [exception("ws", "1", "next year")] })).toMatchObject({
      ok: false,
      error: "audit exceptions[0].reviewBy: expected a date, YYYY-MM-DD",
    });
    expect(policy.validateExceptions({ exceptions: [{ ...exception("ws", "1"), by: "me" }] })).toMatchObject({
      ok: false,
      error: "audit exceptions[0].by: unknown field",
    });
  });
});
