import { ok, refuse, type Step } from "./step";

/** The body as JSON, or a 400 whose bytes go to the dead-letter topic with the parser's reason. */
export function parseJson(body: Buffer): Step<unknown> {
  try {
    return ok(JSON.parse(body.toString("utf8")) as unknown);
  } catch (error) {
    return refuse(400, "invalid-json", `invalid JSON: ${(error as Error).message}`, { deadLetter: true });
  }
}
