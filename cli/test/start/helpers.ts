// Events, waits and output capture shared by the `starboard start` tests.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AgentReady,
  type AgentSignedIn,
  type ContactQueued,
  decodeEventRecord,
  type EventLog,
  type StarboardEvent,
} from "@starboard/core";
import type { CommandIo } from "../../src/command";

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function captureIo(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l) };
}

const envelope = (id: string, source: string, at: Date) => ({
  id,
  version: 1 as const,
  time: at.toISOString(),
  tenant: "default",
  source,
});

/** An agent who can take any voice contact, signed in and ready. */
export function agentOnline(agentId: string, at = new Date()): [AgentSignedIn, AgentReady] {
  return [
    {
      ...envelope(`${agentId}-in`, "test-desktop", at),
      type: "agent.signed-in",
      agentId,
      data: { skills: [{ skill: "support", level: 5 }], capacity: { voice: 1 }, endpoint: `user/${agentId}` },
    },
    { ...envelope(`${agentId}-ready`, "test-desktop", at), type: "agent.ready", agentId, data: {} },
  ];
}

export function queued(contactId: string, queueId: string, source: string, at = new Date()): ContactQueued {
  return {
    ...envelope(`${contactId}-queued`, source, at),
    type: "contact.queued",
    contactId,
    channel: "voice",
    data: { queueId, requiredSkills: [], priority: 0, entry: "new", position: 1 },
  };
}

/** Everything on a topic from the start, decoded, as it arrives. */
export async function collect(log: EventLog, topic: string, groupId: string) {
  const seen: StarboardEvent[] = [];
  const subscription = await log.subscribe({
    groupId,
    topics: [topic],
    startAt: "earliest",
    handler: async (batch) => {
      for (const record of batch.records) {
        const decoded = decodeEventRecord(record);
        if (decoded.ok) seen.push(decoded.event);
      }
    },
  });
  return { seen, stop: () => subscription.stop() };
}

/**
 * Polls until `check` holds; a deadline turns a hang into a failure naming what never happened
 * and, when `seen` is given, what was there instead.
 */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  seen?: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${seen === undefined ? "" : ` (${seen()})`}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
