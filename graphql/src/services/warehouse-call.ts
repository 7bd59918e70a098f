import { apiError } from "../errors";

/** A warehouse failure as UPSTREAM_UNAVAILABLE (retry later); the cause goes to stderr, never to the client. */
export async function warehouseCall<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    process.stderr.write(
      `graphql: ${what} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    throw apiError("UPSTREAM_UNAVAILABLE", `${what}: the warehouse did not answer; try again`);
  }
}
