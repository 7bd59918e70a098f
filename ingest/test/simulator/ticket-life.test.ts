import { describe, expect, it } from "vitest";
import { CustomerPicker } from "../../src/simulator/customers";
import { defaultProfile, planContact, Rng } from "../../src/simulator/index";
import { loadTicketTimeScale, type TicketStep, ticketSteps } from "../../src/simulator/ticket-plan";

const profile = defaultProfile({ agents: 200, seed: 3 });
const HOUR_MS = 3_600_000;

/** Tickets opened every `everyMs` for `hours` simulated hours: each one's [opened, last step] in ms. */
function lives(scale: number, hours: number, everyMs: number): [number, number][] {
  const rng = new Rng(9);
  const picker = new CustomerPicker(profile.customers, profile.returningShare);
  const out: [number, number][] = [];
  for (let at = 0; at < hours * HOUR_MS; at += everyMs) {
    const plan = planContact(rng, profile, Date.UTC(2026, 10, 30, 2), picker.next(rng));
    const steps = ticketSteps(rng, profile, plan, {
      number: "T-20261130-000001",
      openedAtMs: at,
      agentId: undefined,
      fromContactId: undefined,
      timeScale: scale,
    });
    out.push([at, at + Math.max(...steps.map((s) => s.offsetSeconds)) * 1000]);
  }
  return out;
}

const openAt = (all: [number, number][], ms: number) =>
  all.filter(([opened, last]) => opened <= ms && last > ms).length;

const stepsOf = (scale: number): TicketStep[] => {
  const rng = new Rng(4);
  const plan = planContact(
    rng,
    profile,
    Date.UTC(2026, 10, 30, 2),
    new CustomerPicker(profile.customers, 0).next(rng),
  );
  return ticketSteps(rng, profile, plan, {
    number: "T-20261130-000002",
    openedAtMs: Date.UTC(2026, 10, 30, 2),
    agentId: "a1",
    fromContactId: undefined,
    timeScale: scale,
  });
};

describe("ticket lives", () => {
  it("in load mode level off within the first simulated hour: as many open at 4 h as at 1 h", () => {
    // One ticket every 600 ms: load mode's rate at 200 agents (~1.7 a simulated second).
    const all = lives(loadTicketTimeScale, 4, 600);
    const early = openAt(all, HOUR_MS);
    const late = openAt(all, 4 * HOUR_MS);
    expect(late).toBeGreaterThan(0);
    expect(Math.abs(late - early) / early).toBeLessThan(0.1);
  });

  it("at real length keep growing for hours (why load mode scales them)", () => {
    const all = lives(1, 4, 600);
    expect(openAt(all, 4 * HOUR_MS)).toBeGreaterThan(3 * openAt(all, HOUR_MS));
  });

  it("scaled keep the same steps, in the same order, with offsets and due times shrunk alike", () => {
    const real = stepsOf(1);
    const scaled = stepsOf(0.01);
    expect(scaled.map((s) => s.type)).toEqual(real.map((s) => s.type));
    for (const [i, step] of scaled.entries())
      expect(step.offsetSeconds).toBeCloseTo((real[i]?.offsetSeconds ?? Number.NaN) * 0.01, 3);
    const window = (steps: TicketStep[]) => {
      const created = steps[0]?.data;
      return created !== undefined && "dueAt" in created && typeof created.dueAt === "string"
        ? Date.parse(created.dueAt) - Date.UTC(2026, 10, 30, 2)
        : Number.NaN;
    };
    expect(window(scaled)).toBe(Math.round(window(real) * 0.01));
  });

  it("refuses a scale outside (0, 1]", () => {
    expect(() => stepsOf(0)).toThrow(/timeScale must be in \(0, 1\]/);
    expect(() => stepsOf(2)).toThrow(/timeScale/);
  });
});
