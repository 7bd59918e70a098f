// When the wallboard raises an alert. Defaults are common contact-center practice; every install
// sets its own in STARBOARD_CONFIG.

export interface AlertThresholds {
  /** A contact waiting longer than this raises long-wait (critical at twice). */
  longWaitSeconds: number;
  wrapupSeconds: number;
  /** Away (not ready) longer than this, per reason code; "*" for any other code. */
  awaySeconds: Readonly<Record<string, number>>;
  /** Service level is judged only once this many contacts count toward it. */
  minContactsForServiceLevel: number;
  /** Below target by more than this is critical rather than a warning. */
  criticalServiceLevelGap: number;
  /** Alerts are re-evaluated at most this often (event time), so a burst costs nothing extra. */
  evaluateEveryMs: number;
  /** Offset of the contact center's day from UTC, for "today". */
  utcOffsetMinutes: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  longWaitSeconds: 120,
  wrapupSeconds: 120,
  awaySeconds: { meal: 3600, training: 7200, "*": 900 },
  minContactsForServiceLevel: 10,
  criticalServiceLevelGap: 0.1,
  evaluateEveryMs: 1000,
  utcOffsetMinutes: 0,
};
