import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CallTable, type LiveCall } from "../../src/esl/call-table";

// The table keeps calls by queue and legs by contact so that a queue position and a hangup do not
// walk every live call; its answers must be those of walking them.

const call = (contactId: string): LiveCall => ({ contactId, offers: 0, connected: false }) as LiveCall;

/** The reference: 1 + the waiting calls of the same queue that joined earlier, over every call. */
function scanPosition(calls: readonly LiveCall[], c: LiveCall): number {
  let ahead = 0;
  for (const o of calls)
    if (o !== c && o.queueId === c.queueId && !o.connected && o.queueSeq !== undefined)
      if (c.queueSeq === undefined || o.queueSeq < c.queueSeq) ahead++;
  return ahead + 1;
}

type Op =
  | { op: "add"; id: number }
  | { op: "enqueue"; id: number; queue: number }
  | { op: "connect"; id: number; direct: boolean }
  | { op: "leg"; leg: number; id: number }
  | { op: "remove"; id: number }
  | { op: "removeLeg"; leg: number };

const id = fc.integer({ min: 0, max: 12 });
const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("add" as const), id }),
    fc.record({ op: fc.constant("enqueue" as const), id, queue: fc.integer({ min: 0, max: 2 }) }),
    // direct: the flag set without the table (a call it did not see connect still counts right).
    fc.record({ op: fc.constant("connect" as const), id, direct: fc.boolean() }),
    fc.record({ op: fc.constant("leg" as const), leg: id, id }),
    fc.record({ op: fc.constant("remove" as const), id }),
    fc.record({ op: fc.constant("removeLeg" as const), leg: id }),
  ),
  { minLength: 30, maxLength: 120 },
);

describe("CallTable", () => {
  it("gives the positions and leg lookups of a walk over every call", () => {
    fc.assert(
      fc.property(ops, (steps) => {
        const table = new CallTable();
        for (const s of steps) {
          const contact = `c${s.op === "removeLeg" ? 0 : s.id}`;
          if (s.op === "add") table.add(call(contact));
          else if (s.op === "enqueue") {
            const c = table.get(contact);
            if (c !== undefined) table.enqueue(c, `q${s.queue}`, 0);
          } else if (s.op === "connect") {
            const c = table.get(contact);
            if (c !== undefined && s.direct) c.connected = true;
            else if (c !== undefined) table.connect(c);
          } else if (s.op === "leg") {
            if (table.get(contact) !== undefined) table.linkLeg(`leg${s.leg}`, contact);
          } else if (s.op === "remove") table.remove(contact);
          else table.remove(`leg${s.leg}`);
          const live = [...table.contacts()];
          for (const c of live) expect(table.position(c)).toBe(scanPosition(live, c));
          for (let l = 0; l <= 12; l++) {
            const owner = table.resolve(`leg${l}`);
            // A leg resolves only to a live contact.
            if (owner !== undefined) expect(live).toContain(owner);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("forgets a contact's legs when it ends, and marks them ended", () => {
    const table = new CallTable();
    table.add(call("a"));
    table.linkLeg("a-agent", "a");
    table.linkLeg("a-transfer", "a");
    table.remove("a");
    expect(table.resolve("a-agent")).toBeUndefined();
    expect(table.isEnded("a-agent") && table.isEnded("a-transfer")).toBe(true);
    expect(table.isLeg("a-agent")).toBe(false);
  });
});
