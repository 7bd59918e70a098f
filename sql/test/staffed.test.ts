import { exampleEvents, type StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../src/client";
import { servesQueue, staffedIntervals, staffedSlices } from "../src/reports/index";
import { freshWarehouse, writeThroughSink } from "./warehouse";

// Three agents over one morning, 09:00-10:00 UTC (four 15-minute intervals), counted by hand:
//   s1 (billing 5, support 3): signs in 08:50, ready 08:55, not ready 09:20, ready 09:25, signs out 09:40
//   s2 (support 4):            signs in 09:00, ready 09:10 and stays ready
//   s3 (billing 2):            ready 09:30 (signed in the day before), not ready 09:45
//   s4 (chat 5):               ready since three days before, no change since: 900 in every interval
//                              (its state when the range began comes from before the range)
// Ready seconds per interval, without s4 (s4 adds 900 to each):
//   09:00  s1 900                 s2 300              = 1200 -> 1.333 agents (+ s4: 2.333)
//   09:15  s1 600 (to 09:20, from 09:25)  s2 900     = 1500 -> 1.667 (2.667)
//   09:30  s1 600 (09:30-09:40)   s2 900   s3 900     = 2400 -> 2.667 (3.667)
//   09:45  -                      s2 900   s3 0       =  900 -> 1 (2)
// A "now" of 09:50 cuts the last interval to 300 s with s2 and s4: 600 / 300 = 2 agents.

const x = exampleEvents;
const t = (hh: number, mm: number) => new Date(Date.UTC(2026, 10, 30, hh, mm)).toISOString();
let n = 0;
const id = () => `staffed-${++n}`;

function signedIn(agentId: string, time: string, skills: [string, number][]): StarboardEvent {
  const { teamId: _t, ...data } = x["agent.signed-in"].data;
  return {
    ...x["agent.signed-in"],
    id: id(),
    time,
    agentId,
    data: { ...data, skills: skills.map(([skill, level]) => ({ skill, level })) },
  };
}
const ready = (agentId: string, time: string): StarboardEvent => ({
  ...x["agent.ready"],
  id: id(),
  time,
  agentId,
  data: {},
});
const notReady = (agentId: string, time: string): StarboardEvent => ({
  ...x["agent.not-ready"],
  id: id(),
  time,
  agentId,
  data: { reasonCode: "break" },
});
const signedOut = (agentId: string, time: string): StarboardEvent => ({
  ...x["agent.signed-out"],
  id: id(),
  time,
  agentId,
  data: { reason: "agent" },
});

const events: StarboardEvent[] = [
  signedIn("s4", t(8, 0).replace("30T", "27T"), [["chat", 5]]),
  ready("s4", t(8, 1).replace("30T", "27T")),
  signedIn("s3", t(8, 0).replace("30T", "29T"), [["billing", 2]]),
  signedIn("s1", t(8, 50), [
    ["support", 3],
    ["billing", 5],
  ]),
  ready("s1", t(8, 55)),
  signedIn("s2", t(9, 0), [["support", 4]]),
  ready("s2", t(9, 10)),
  notReady("s1", t(9, 20)),
  ready("s1", t(9, 25)),
  ready("s3", t(9, 30)),
  signedOut("s1", t(9, 40)),
  notReady("s3", t(9, 45)),
];

const range = { from: new Date(t(9, 0)), to: new Date(t(10, 0)), now: new Date(t(12, 0)) };
let warehouse: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ warehouse, dispose } = await freshWarehouse());
  await writeThroughSink(warehouse, events);
});
afterAll(() => dispose());

const figures = (list: ReturnType<typeof staffedIntervals>) =>
  list.map((i) => [i.intervalStart.slice(11, 16), i.seconds, i.agentSeconds]);

describe("staffed agents per interval", () => {
  it("counts ready agent-seconds per 15 minutes, every agent", async () => {
    const slices = await staffedSlices(warehouse, range);
    const all = staffedIntervals(slices, range);
    expect(figures(all)).toEqual([
      ["09:00", 900, 2100],
      ["09:15", 900, 2400],
      ["09:30", 900, 3300],
      ["09:45", 900, 1800],
    ]);
    expect(all.map((i) => i.agents)).toEqual([2100 / 900, 2400 / 900, 3300 / 900, 2]);
  });

  it("keeps each agent's skills, so a queue counts only the agents its skills admit", async () => {
    const slices = await staffedSlices(warehouse, range);
    // Skills come sorted by name, whatever order the sign-in listed them in.
    expect(slices.find((s) => s.intervalStart.endsWith("09:00:00.000Z") && s.agentSeconds === 900)).toEqual({
      intervalStart: "2026-11-30T09:00:00.000Z",
      skills: [
        { skill: "billing", level: 5 },
        { skill: "support", level: 3 },
      ],
      agentSeconds: 900,
      agentsSeen: 1,
    });
    // billing >= 3: s1 only (s3 has level 2).
    const billing = staffedIntervals(slices, range, servesQueue([{ skill: "billing", minLevel: 3 }]));
    expect(figures(billing)).toEqual([
      ["09:00", 900, 900],
      ["09:15", 900, 600],
      ["09:30", 900, 600],
      ["09:45", 900, 0],
    ]);
    // support >= 1: s1 and s2.
    const support = staffedIntervals(slices, range, servesQueue([{ skill: "support", minLevel: 1 }]));
    expect(figures(support)).toEqual([
      ["09:00", 900, 1200],
      ["09:15", 900, 1500],
      ["09:30", 900, 1500],
      ["09:45", 900, 900],
    ]);
  });

  it("stops at now: the current interval is its elapsed part, later ones are not there", async () => {
    const early = { ...range, now: new Date(t(9, 50)) };
    const all = staffedIntervals(await staffedSlices(warehouse, early), early);
    expect(figures(all)).toEqual([
      ["09:00", 900, 2100],
      ["09:15", 900, 2400],
      ["09:30", 900, 3300],
      ["09:45", 300, 600],
    ]);
    expect(all[3]?.agents).toBe(2);
  });

  it("clips to a range that starts inside an interval, and a range in the future is empty", async () => {
    const mid = { from: new Date(t(9, 5)), to: new Date(t(9, 15)), now: range.now };
    // 09:05-09:15: s1 600, s2 300 (from 09:10), s4 600.
    expect(figures(staffedIntervals(await staffedSlices(warehouse, mid), mid))).toEqual([
      ["09:00", 600, 1500],
    ]);
    const future = { ...range, now: new Date(t(8, 0)) };
    expect(await staffedSlices(warehouse, future)).toEqual([]);
    expect(staffedIntervals([], future)).toEqual([]);
  });
});
