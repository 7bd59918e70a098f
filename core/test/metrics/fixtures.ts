import type { QueuedContact } from "../../src/metrics/index";

// Ten contacts in one queue, threshold 20 s, short abandon 5 s — small enough to count by hand.
// Each line says how it is counted; the tests' expected values are sums of these lines.
export const t0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const s = (seconds: number) => t0 + seconds * 1000;

export const tenContacts: QueuedContact[] = [
  // 1 handled within T
  { queuedAt: t0, connectedAt: s(10), waitSeconds: 10, talkSeconds: 100, holdSeconds: 20, wrapupSeconds: 30 },
  // 2 handled at exactly T: within (inclusive)
  { queuedAt: t0, connectedAt: s(20), waitSeconds: 20, talkSeconds: 200, wrapupSeconds: 40 },
  // 3 handled late
  { queuedAt: t0, connectedAt: s(45), waitSeconds: 45, talkSeconds: 150, holdSeconds: 10, wrapupSeconds: 20 },
  // 4 short abandon (and within T)
  { queuedAt: t0, abandonedAt: s(3), waitSeconds: 3 },
  // 5 abandon within T, not short
  { queuedAt: t0, abandonedAt: s(15), waitSeconds: 15 },
  // 6 abandon after T
  { queuedAt: t0, abandonedAt: s(60), waitSeconds: 60 },
  // 7 flowed out to another queue after 90 s
  { queuedAt: t0, flowedOutAt: s(90), waitSeconds: 90 },
  // 8 chose a callback at 12 s (removed within T for Connect), connected at 300 s (handled late)
  {
    queuedAt: t0,
    callbackRequestedAt: s(12),
    connectedAt: s(300),
    waitSeconds: 300,
    talkSeconds: 60,
    wrapupSeconds: 10,
  },
  // 9 still waiting: offered only
  { queuedAt: t0, waitSeconds: 25 },
  // 10 abandon at exactly the short-abandon time: short (inclusive)
  { queuedAt: t0, abandonedAt: s(5), waitSeconds: 5 },
];

export const rules = { thresholdSeconds: 20, shortAbandonSeconds: 5 };
