import { publishEvents, type StarboardEvent, Topics } from "@starboard/core";
import { afterAll, describe, expect, it } from "vitest";
import { defaults, type StarboardConfig } from "../../src/config/index";
import { type Platform, startPlatform } from "../../src/start/platform";
import { captureIo, collect, tempDir, until } from "./helpers";

// The QA scanner in `starboard start`: messages in, qa.flagged out, with the config's rules or the
// built-in bilingual set.

const data = tempDir("starboard-qa-");
let platform: Platform | undefined;
afterAll(async () => {
  await platform?.stop();
  data.remove();
});

function config(qaRules: StarboardConfig["qaRules"]): StarboardConfig {
  const base = defaults();
  return {
    ...base,
    dataDir: data.dir,
    services: ["qa"],
    qaRules,
    simulator: { ...base.simulator, mode: "off" },
  };
}

const line = (id: string, text: string): StarboardEvent =>
  ({
    id,
    type: "message.sent",
    version: 1,
    time: new Date().toISOString(),
    tenant: "default",
    source: "chat-gateway",
    channel: "webchat",
    contactId: "chat-1",
    agentId: "agent-1",
    data: { messageId: id, senderRole: "agent", text },
  }) as StarboardEvent;

describe("qa in starboard start", () => {
  it("flags an agent's shirking line with the built-in rules, and a config rule when one is given", async () => {
    platform = await startPlatform(config([]), captureIo());
    expect(platform.qa).toBeDefined();
    const flags = await collect(platform.log, Topics.events, "test-qa-flags");
    await publishEvents(platform.log, [
      line("m-1", "这个我们这边处理不了，您自己去找银行吧。"),
      line("m-2", "好的，马上为您查询。"),
    ]);
    await until("a shirking flag", () => flags.seen.some((e) => e.type === "qa.flagged"));
    const flagged = flags.seen.filter((e) => e.type === "qa.flagged");
    expect(
      flagged.every(
        (f) =>
          f.type === "qa.flagged" &&
          f.data.location.type === "message" &&
          f.data.location.messageId === "m-1",
      ),
    ).toBe(true);
    expect(flagged.some((f) => f.type === "qa.flagged" && f.data.category === "shirking")).toBe(true);
    await flags.stop();
    await platform.stop();

    platform = await startPlatform(
      config([{ id: "upsell", category: "sales", keywords: ["white model"], severity: "info" }]),
      captureIo(),
    );
    const again = await collect(platform.log, Topics.events, "test-qa-flags-2");
    await publishEvents(platform.log, [line("m-3", "We also have the White Model in stock.")]);
    await until("the config rule's flag", () =>
      again.seen.some((e) => e.type === "qa.flagged" && e.data.ruleId === "upsell"),
    );
    await again.stop();
  });
});
