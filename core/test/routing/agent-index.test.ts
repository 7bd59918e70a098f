import { describe, expect, it } from "vitest";
import type { AgentSkill, Channel, StarboardEvent } from "../../src/events/index";
import { availableFor, RoutingEngine } from "../../src/routing/index";
import { mulberry32 } from "../../src/routing/simulation";
import { Script } from "./build";

// The agent index keeps per-level counts of staffed and idle agents beside its sets and heaps, so
// "how many agents could take this" is a sum of ten numbers. Here the counts are checked against a
// scan of every agent after each step of a random day: sign-ins, readiness, skill changes, contacts.

const skills = ["billing", "sales", "tech", "zh"];
const channels: Channel[] = ["voice", "webchat"];

function scan(engine: RoutingEngine, channel: Channel, skill: string | undefined, minLevel: number) {
  let staffed = 0;
  let idle = 0;
  for (const a of engine.state.agents.values()) {
    if ((a.capacity[channel] ?? 0) <= 0) continue;
    if (skill !== undefined && (a.skills.get(skill) ?? 0) < minLevel) continue;
    if (a.signedIn) staffed++;
    if (availableFor(a, channel)) idle++;
  }
  return { staffed, idle };
}

describe("AgentIndex counts", () => {
  it("eligible() agrees with a scan of every agent through a random day", () => {
    const random = mulberry32(17);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const s = new Script();
    const engine = new RoutingEngine({ queues: [{ id: "q" }] });
    const holding = new Map<string, string>();
    const skillSet = (): AgentSkill[] =>
      skills.filter(() => random() < 0.6).map((skill) => ({ skill, level: 1 + Math.floor(random() * 10) }));
    const env = (at: number) => ({
      id: `x${at}`,
      version: 1 as const,
      time: new Date(Date.parse("2026-11-30T09:00:00.000Z") + at * 1000).toISOString(),
      tenant: "default",
      source: "test",
    });
    const agents = Array.from({ length: 12 }, (_, i) => `a${i}`);
    let checks = 0;
    let sawIdle = false;
    let sawBusy = false;
    for (let at = 1; at <= 1_500; at++) {
      const agentId = pick(agents);
      const x = random();
      let event: StarboardEvent;
      if (x < 0.15)
        event = s.signIn(
          at,
          agentId,
          skillSet(),
          pick([{ voice: 1 }, { webchat: 2 }, { voice: 1, webchat: 3 }]),
        );
      else if (x < 0.35) event = s.ready(at, agentId);
      else if (x < 0.45) event = s.notReady(at, agentId, "break");
      else if (x < 0.5) event = { ...env(at), type: "agent.signed-out", agentId, data: { reason: "agent" } };
      else if (x < 0.55)
        event = {
          ...env(at),
          type: "agent.skills-changed",
          agentId,
          data: { skills: skillSet(), changedBy: "sup" },
        };
      else if (x < 0.8) {
        const req = random() < 0.2 ? [] : [{ skill: pick(skills), minLevel: 1 + Math.floor(random() * 5) }];
        event = s.queued(at, `c${at}`, "q", req, { channel: pick(channels) });
      } else {
        const held = [...holding].find(([, a]) => a === agentId);
        if (held === undefined) continue;
        event = s.ended(at, held[0], agentId, "q", 60, engine.contact(held[0])?.channel ?? "voice");
        holding.delete(held[0]);
      }
      for (const o of engine.handle(event))
        if (o.type === "router.decision" && o.data.kind === "assign")
          holding.set(o.contactId, o.data.agentId);
      for (const channel of channels) {
        expect(engine.state.idle.eligible(channel, [])).toEqual(scan(engine, channel, undefined, 0));
        for (const skill of skills)
          for (let minLevel = 1; minLevel <= 10; minLevel += 3) {
            const counted = engine.state.idle.eligible(channel, [{ skill, minLevel }]);
            expect(counted).toEqual(scan(engine, channel, skill, minLevel));
            sawIdle ||= counted.idle > 0;
            sawBusy ||= counted.staffed > counted.idle;
            checks++;
          }
      }
    }
    expect(checks).toBeGreaterThan(20_000);
    // The day had idle agents and staffed ones who were not idle, not just empty counts.
    expect([sawIdle, sawBusy]).toEqual([true, true]);
  });
});
