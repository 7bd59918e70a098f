/** Round-robin assignment of each topic's partitions over the members subscribed to it. */
export function assignPartitions(
  members: readonly { id: string; topics: readonly string[] }[],
  partitionsOf: (topic: string) => number,
): Map<string, { topic: string; partition: number }[]> {
  const assignment = new Map<string, { topic: string; partition: number }[]>();
  for (const member of members) assignment.set(member.id, []);
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
  for (const topic of topics) {
    const subscribers = members.filter((m) => m.topics.includes(topic)).map((m) => m.id);
    const count = partitionsOf(topic);
    for (let partition = 0; partition < count; partition++) {
      const owner = subscribers[partition % subscribers.length];
      if (owner !== undefined) assignment.get(owner)?.push({ topic, partition });
    }
  }
  return assignment;
}
