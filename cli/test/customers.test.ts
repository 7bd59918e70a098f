import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CustomerDirectory, followCustomers, InProcessEventLog, standardTopics } from "@starboard/core";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../src/main";
import { capture } from "./capture-io";

// `starboard customers`: a CRM export in JSON lines onto the directory topic, as a running platform
// would then read it (the same followCustomers the services use).

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  delete process.env.STARBOARD_DATA_DIR;
});

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "starboard-customers-cmd-"));
  dirs.push(dir);
  process.env.STARBOARD_DATA_DIR = join(dir, "data");
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join("\n")}\n`);
    return path;
  };
  return { dir, file };
}

async function directoryIn(dataDir: string): Promise<CustomerDirectory> {
  const log = new InProcessEventLog({ dataDir, pollIntervalMs: 10 });
  await log.ensureTopics(standardTopics());
  const directory = new CustomerDirectory();
  const followed = await followCustomers(log, directory, "reader");
  await followed.caughtUp;
  await followed.subscription.stop();
  await log.close();
  return directory;
}

describe("starboard customers", () => {
  it("publishes each line, and --remove takes customers out again", async () => {
    const { dir, file } = workspace();
    const path = file("crm.jsonl", [
      JSON.stringify({ id: "c-1", name: "王女士", phones: ["+8613800138000"], tier: "vip" }),
      "",
      JSON.stringify({ id: "c-2", identities: ["wechat:bob"], tags: ["new"] }),
    ]);
    const io = capture();
    expect(await main(["customers", path, "--json"], io)).toBe(0);
    expect(JSON.parse(io.stdout[0] ?? "")).toEqual({ published: 2, removed: 0 });
    const directory = await directoryIn(join(dir, "data"));
    expect(directory.recognize("+86 138 0013 8000")?.name).toBe("王女士");
    expect(directory.recognize("WeChat:Bob")?.id).toBe("c-2");

    expect(await main(["customers", "--remove", "c-1"], capture())).toBe(0);
    const after = await directoryIn(join(dir, "data"));
    expect(after.byId("c-1")).toBeUndefined();
    expect(after.size).toBe(1);
  });

  it.each([
    ["a line that is not JSON", ['{"id":"c-1"}', "{oops"], /crm\.jsonl:2: not JSON/],
    ["a record without an id", ['{"name":"x"}'], /crm\.jsonl:1: id: /],
    ["a tier that is not text", ['{"id":"c-1","tier":3}'], /crm\.jsonl:1: tier: /],
  ])("refuses %s with the line, publishing nothing", async (_what, lines, why) => {
    const { dir, file } = workspace();
    const io = capture();
    expect(await main(["customers", file("crm.jsonl", lines)], io)).toBe(2);
    expect(io.stderr.join("\n")).toMatch(why);
    expect((await directoryIn(join(dir, "data"))).size).toBe(0);
  });
});
