import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dashboardDir, planDashboard } from "../../src/start/dashboard";
import { tempDir } from "./helpers";

const scratch = tempDir("starboard-dashboard-");
afterAll(() => scratch.remove());

function workspace(name: string, manifest: object | undefined): string {
  const dir = join(scratch.dir, name);
  mkdirSync(dir, { recursive: true });
  if (manifest !== undefined) writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
  return dir;
}

describe("planDashboard", () => {
  it.each([
    ["no workspace", undefined, "does not exist"],
    ["a workspace without an app", { name: "d", scripts: {} }, "no Next app yet"],
    [
      "an app whose next is not installed",
      { name: "d", scripts: { dev: "next dev" } },
      "next is not installed",
    ],
  ])("%s: not started, and says why", (name, manifest, why) => {
    const dir =
      manifest === undefined ? join(scratch.dir, "missing") : workspace(name.replace(/ /g, "-"), manifest);
    const plan = planDashboard(dir);
    expect(plan.kind).toBe("absent");
    expect(plan.kind === "absent" ? plan.why : "").toContain(why);
  });

  it("runs the repository's dashboard with next start once built, next dev before", () => {
    const plan = planDashboard();
    expect(plan).toMatchObject({
      kind: "next",
      mode: existsSync(join(dashboardDir, ".next", "BUILD_ID")) ? "start" : "dev",
    });
  });
});
