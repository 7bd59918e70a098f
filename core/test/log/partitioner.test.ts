import { Partitioners } from "kafkajs";
import { describe, expect, it } from "vitest";
import { partitionForKey } from "../../src/log/index";

// kafkajs's default partitioner is Java Kafka's murmur2; the in-process log must place keys identically.
const kafkajsPartition = Partitioners.DefaultPartitioner();

describe("partitionForKey", () => {
  it.each([
    ["call-7f3a2c1e", 8],
    ["+8613800138000", 4],
    ["T-20261130-0001", 12],
    ["坐席-1001", 8],
    ["", 3],
    ["a", 2],
    ["ab", 5],
    ["abc", 7],
    ["abcd", 9],
  ])("puts %j on the partition kafkajs picks among %i", (key, partitions) => {
    const expected = kafkajsPartition({
      topic: "t",
      partitionMetadata: Array.from({ length: partitions }, (_, i) => ({
        partitionId: i,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [0],
        isr: [0],
      })),
      message: { key, value: "v" },
    });
    expect(partitionForKey(key, partitions)).toBe(expected);
  });
});
