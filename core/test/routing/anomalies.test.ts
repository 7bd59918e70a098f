import { describe, expect, it } from "vitest";
import { Script } from "./build";
import { assigns, run } from "./harness";

describe("bad input is counted and changes nothing", () => {
  it.each([
    ["unknown agent", (s: Script) => s.ready(5, "ghost"), "unknown-agent"],
    ["unknown queue", (s: Script) => s.queued(5, "c9", "nope"), "unknown-queue"],
    ["unknown contact", (s: Script) => s.abandoned(5, "c9", "q"), "unknown-contact"],
    ["unknown command", (s: Script) => s.commandFailed(5, "c9:offer1"), "unknown-command"],
    ["connect for an unknown agent", (s: Script) => s.connected(5, "c1", "ghost"), "unknown-agent"],
    [
      "wrap-up for a contact the agent does not hold",
      (s: Script) => s.wrapup(5, "c1", "a1"),
      "invalid-transition",
    ],
  ] as const)("%s", (_name, bad, kind) => {
    const s = new Script();
    s.signIn(0, "a1", []);
    s.queued(1, "c1", "q");
    bad(s);
    const { engine, out } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.anomalies.counts[kind]).toBe(1);
    expect(engine.anomalies.total).toBe(1);
    expect(engine.contact("c1")?.phase).toBe("waiting");
    expect(out.filter((e) => e.type === "router.decision" && e.data.kind === "assign")).toHaveLength(0);
  });

  it("a duplicate event id is ignored", () => {
    const s = new Script();
    s.signIn(0, "a1", []);
    const ready = s.ready(1, "a1");
    s.queued(2, "c1", "q");
    s.events.push({ ...ready }); // redelivered after the agent took c1
    s.queued(3, "c2", "q");
    const { engine } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.anomalies.counts.duplicate).toBe(1);
    expect(engine.contact("c2")?.phase).toBe("waiting");
  });

  it("an event far behind the clock is out of order; a slightly late one is applied at the clock", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(100, "c1", "q");
    s.queued(30, "too-late", "q"); // 70 s behind: beyond even a late queue event's 60 s
    s.ready(90, "a1"); // 10 s behind: beyond the 5 s default tolerance
    s.queued(97, "c2", "q"); // 3 s behind: applied
    const { engine } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.anomalies.counts["out-of-order"]).toBe(2);
    expect(engine.contact("too-late")).toBeUndefined();
    expect(engine.contact("c2")?.queuedMs).toBe(Date.parse("2026-11-30T09:01:40.000Z"));
  });

  it.each([
    { name: "a contact the router does not know", before: () => {}, routed: true, phase: "offered" },
    {
      name: "a contact that already ended (its queue event came after its end)",
      before: (s: Script) => s.abandoned(95, "late", "q"),
      routed: false,
      phase: undefined,
    },
    {
      name: "a contact the router already holds",
      before: (s: Script) => {
        s.queued(96, "late", "q");
        s.connected(97, "late", "a2");
      },
      routed: false,
      phase: "connected",
    },
  ])("a queue event 10 s late for $name: routed = $routed", ({ before, routed, phase }) => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.agent(0, "a2", []);
    before(s);
    s.created(100, "c-clock", { customerId: "cust-1" });
    s.queued(90, "late", "q"); // 10 s behind the clock: past the tolerance, within the 60 s for queue events
    const { engine, out } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.anomalies.counts["out-of-order"]).toBe(1);
    const offered = assigns(out).filter(([contact]) => contact === "late");
    if (routed) {
      // Queued at the router's clock (time never runs backwards), and offered to an idle agent at once.
      expect(offered.length).toBe(1);
      expect(engine.contact("late")?.firstQueuedMs).toBe(Date.parse("2026-11-30T09:01:40.000Z"));
    } else {
      // Nothing waits, and the contact is where it was (gone, or with its agent).
      expect(engine.state.waiting.size).toBe(0);
    }
    expect(engine.contact("late")?.phase).toBe(phase);
  });

  it("a queue event reordered behind its own end, within the tolerance, routes nothing", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.abandoned(10, "c1", "q"); // unknown yet: an anomaly of its own
    s.queued(8, "c1", "q"); // 2 s behind: within the tolerance, but after its end
    const { engine, out } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.anomalies.counts["out-of-order"]).toBe(1);
    expect(engine.contact("c1")).toBeUndefined();
    expect(assigns(out)).toHaveLength(0);
  });

  it.each([
    ["ended", (s: Script) => s.ended(200, "c1", "a1", "q")],
    ["abandoned", (s: Script) => s.abandoned(200, "c1", "q")],
  ] as const)("a late contact %s still lets go of the contact and its note", (_name, end) => {
    const s = new Script();
    s.created(180, "c1", { customerId: "cust-1" });
    s.queued(190, "c1", "q");
    s.created(300, "c2", { customerId: "cust-2" }); // moves the clock 100 s past c1's end
    end(s);
    const { engine } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.anomalies.counts["out-of-order"]).toBe(1);
    expect(engine.contact("c1")).toBeUndefined();
    expect(engine.state.waiting.size).toBe(0);
    expect(engine.state.notes.has("c1")).toBe(false);
    expect(engine.state.notes.has("c2")).toBe(true);
  });

  it("a late end of a contact an agent holds frees the agent for the next one", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(10, "c1", "q");
    s.connected(11, "c1", "a1");
    s.queued(120, "c2", "q"); // waits: a1 holds c1
    s.ended(100, "c1", "a1", "q"); // 20 s behind the clock
    const { engine, out } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.anomalies.counts["out-of-order"]).toBe(1);
    expect(engine.contact("c1")).toBeUndefined();
    expect(assigns(out).map(([contact]) => contact)).toContain("c2");
  });

  it("a late end of a contact the router never held (a back-fill) changes nothing", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(300, "c1", "q");
    s.ended(100, "old-1", "a1", "q", 900); // handled long ago: not a handle time for today's EWT
    s.abandoned(110, "old-2", "q");
    const { engine } = run({ queues: [{ id: "q" }] }, s.events);
    expect(engine.anomalies.counts["out-of-order"]).toBe(2);
    expect(engine.anomalies.total).toBe(2);
    expect(engine.state.handleTimes.get("q")?.count ?? 0).toBe(0);
  });

  it("the router's own echoes (not-ready, re-queued in place, decisions) are not anomalies", () => {
    const s = new Script();
    s.agent(0, "a1", []);
    s.queued(1, "c1", "q");
    s.offerTimeout(21, "c1", "a1", "q");
    const first = run({ queues: [{ id: "q" }] }, s.events);
    const echoed = [...s.events, ...first.out];
    const second = run({ queues: [{ id: "q" }] }, echoed);
    expect(second.engine.anomalies.total).toBe(0);
    expect(second.engine.contact("c1")?.phase).toBe("waiting");
  });
});
