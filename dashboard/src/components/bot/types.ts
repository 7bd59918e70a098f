export interface Totals {
  kind: "BOT" | "IVR";
  channel: string | null;
  sessions: number;
  contained: number;
  handoffs: number;
  gaveUp: number;
  containmentRate: number | null;
  handoffRate: number | null;
  avgSeconds: number | null;
}

export interface ReasonStats {
  kind: "BOT" | "IVR";
  reason: string;
  handoffs: number;
  share: number | null;
  handled: number;
  abandoned: number;
  other: number;
  avgWaitSeconds: number | null;
  resolutionRate: number | null;
  csat: number | null;
  csatResponses: number;
  senior: number;
  seniorShare: number | null;
}

export interface Day {
  day: string;
  kind: "BOT" | "IVR";
  sessions: number;
  contained: number;
  handoffs: number;
  containmentRate: number | null;
}

export interface Report {
  seniorLevel: number;
  totals: Totals[];
  handoffReasons: ReasonStats[];
  daily: Day[];
}

export const botQuery = `query($from: DateTime!, $to: DateTime!) { botAnalytics(from: $from, to: $to) {
  seniorLevel
  totals { kind channel sessions contained handoffs gaveUp containmentRate handoffRate avgSeconds }
  handoffReasons { kind reason handoffs share handled abandoned other avgWaitSeconds resolutionRate csat csatResponses senior seniorShare }
  daily { day kind sessions contained handoffs containmentRate } } }`;
