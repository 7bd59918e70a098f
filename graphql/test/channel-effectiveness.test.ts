import type { StarboardEvent } from "@starboard/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callHandled, callQueued } from "./events";
import { dataOf, type Stack, startStack } from "./harness";

// channelEffectiveness through the real server: three calls answered in 10-30 s with middling surveys
// and three web chats answered in 5 s with top surveys, ranked from the warehouse's channel figures.

const t0 = Date.UTC(2026, 10, 5, 9, 0, 0);
const range = 'from: "2026-11-05T00:00:00Z", to: "2026-11-06T00:00:00Z"';

/** The same contact as a web chat: channel changed, no hang-up cause (voice and video only). */
function asChat(events: StarboardEvent[]): StarboardEvent[] {
  return events.map((e) => {
    const data = { ...(e.data as Record<string, unknown>) };
    delete data.hangupCause;
    return { ...e, channel: "webchat", data } as StarboardEvent;
  });
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  for (let i = 0; i < 3; i++)
    await stack.publish([
      ...callQueued(t0, i * 60, `v-${i}`, `+8613900000${i}`),
      ...callHandled(t0, i * 60, `v-${i}`, "ag-1", { wait: 10 + i * 10, talk: 60, csat: 3 }),
      ...asChat([
        ...callQueued(t0, i * 60, `w-${i}`, `+8613900001${i}`),
        ...callHandled(t0, i * 60, `w-${i}`, "ag-2", { wait: 5, talk: 60, csat: 5 }),
      ]),
    ]);
  await stack.flushed();
});
afterAll(async () => {
  await stack.close();
});

describe("channelEffectiveness", () => {
  it("web chat first: better CSAT and answer time, tied on resolution and abandons; exec may ask, qa may not", async () => {
    const r = await stack.gql(
      "exec",
      `{ channelEffectiveness(${range}, minCsatResponses: 1) { bestChannel channels { channel rank score bestAt handled csatResponses asaSeconds } } }`,
    );
    // Voice: CSAT 0 (scores 3), resolution and abandons tied (1), ASA 20 s worst (0) -> 0.5.
    expect(dataOf(r.body).channelEffectiveness).toEqual({
      bestChannel: "WEBCHAT",
      channels: [
        {
          channel: "WEBCHAT",
          rank: 1,
          score: 1,
          bestAt: ["CSAT", "ASA"],
          handled: 3,
          csatResponses: 3,
          asaSeconds: 5,
        },
        { channel: "VOICE", rank: 2, score: 0.5, bestAt: [], handled: 3, csatResponses: 3, asaSeconds: 20 },
      ],
    });
    // With the default five answers per channel, CSAT is not compared.
    const strict = await stack.gql(
      "bi",
      `{ channelEffectiveness(${range}) { channels { channel bestAt } } }`,
    );
    expect(dataOf(strict.body).channelEffectiveness).toEqual({
      channels: [
        { channel: "WEBCHAT", bestAt: ["ASA"] },
        { channel: "VOICE", bestAt: [] },
      ],
    });
    const denied = await stack.gql("qa", `{ channelEffectiveness(${range}) { bestChannel } }`);
    expect(denied.body.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    const bad = await stack.gql(
      "bi",
      `{ channelEffectiveness(${range}, minCsatResponses: 0) { bestChannel } }`,
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
