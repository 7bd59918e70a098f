import fc from "fast-check";

/**
 * One fuzz target, shared by the fixed-seed tests (test/fuzz/*.test.ts) and the long random-seed
 * run of `starboard bench --only fuzz` (cli/bench/fuzz-bench.ts), so both check the same property.
 */
export interface FuzzTarget {
  name: string;
  /** Runs in the fixed-seed test run: sized so each test file takes a few seconds here. */
  ciRuns: number;
  /**
   * Builds the property (and whatever real servers it talks to). `seen` receives every generated
   * input as text: the bench's reference parses the same texts with JSON.parse.
   */
  start(seen?: (text: string) => void): Promise<RunningTarget>;
}

export interface RunningTarget {
  property: fc.IRawProperty<[unknown], boolean>;
  stop(): Promise<void>;
}

/** The fixed seed of every CI run: a failure reproduces on any machine. */
export const ciSeed = 20261130;

/** A synchronous property with nothing to set up or tear down. */
export function pureTarget<T>(
  name: string,
  ciRuns: number,
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => void,
  asText: (input: T) => string,
): FuzzTarget {
  return {
    name,
    ciRuns,
    start: async (seen) => ({
      property: fc.property(arbitrary, (input) => {
        seen?.(asText(input));
        check(input);
      }) as fc.IRawProperty<[unknown], boolean>,
      stop: async () => {},
    }),
  };
}
