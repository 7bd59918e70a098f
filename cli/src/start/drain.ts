// "Drain the log" on the way down: wait until a consumer group has committed everything that was
// on a topic when the wait began, so a clean stop leaves nothing for the next start to redo.

import type { EventLog } from "@starboard/core";

export async function drained(
  log: EventLog,
  groupId: string,
  topic: string,
  timeoutMs: number,
  onBehind: (records: number) => void = () => undefined,
): Promise<boolean> {
  const end = await log.endOffsets(topic);
  const deadline = Date.now() + timeoutMs;
  let reported = false;
  for (;;) {
    const committed = await log.committedOffsets(groupId, topic);
    let behind = 0;
    for (const [partition, offset] of end) behind += Math.max(0, offset - (committed.get(partition) ?? 0));
    if (behind === 0) return true;
    if (Date.now() > deadline) return false;
    if (!reported) onBehind(behind);
    reported = true;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The stop step for a consumer: wait for it (bounded), say so when it could not catch up. */
export function drainStep(
  log: EventLog,
  groupId: string,
  topic: string,
  timeoutMs: number,
  say: (line: string) => void,
): () => Promise<void> {
  return async () => {
    const behind = (n: number) => say(`  waiting for ${groupId} to catch up: ${n} records behind`);
    if (!(await drained(log, groupId, topic, timeoutMs, behind)))
      say(`  ${groupId} had not caught up after ${timeoutMs} ms: the rest is read on the next start`);
  };
}
