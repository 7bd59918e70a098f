import { EslEmulator } from "@starboard/ingest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaults, type StarboardConfig } from "../../src/config/index";
import { startPlatform } from "../../src/start/platform";
import { captureIo, tempDir } from "./helpers";

// An external FreeSWITCH (STARBOARD_ESL_HOST set): here the emulator in this test, over TCP.
const switchboard = new EslEmulator({ password: "pw" });
let port = 0;
const data = tempDir("starboard-esl-");
beforeAll(async () => {
  port = await switchboard.listen(0);
});
afterAll(async () => {
  await switchboard.close();
  data.remove();
});

function config(esl: StarboardConfig["esl"]): StarboardConfig {
  const base = defaults();
  return {
    ...base,
    dataDir: data.dir,
    esl,
    services: ["esl"],
    simulator: { ...base.simulator, mode: "off" },
  };
}

describe("starboard start with STARBOARD_ESL_HOST", () => {
  it("connects the adapter and the command executor to the external switch", async () => {
    const platform = await startPlatform(config({ host: "127.0.0.1", port, password: "pw" }), captureIo());
    try {
      expect(platform.telephony?.address).toBe(`127.0.0.1:${port}`);
      expect(platform.telephony?.fs).toBeUndefined();
      expect(switchboard.connections).toBeGreaterThan(0);
    } finally {
      await platform.stop();
    }
  });

  it.each([
    [
      "a wrong password",
      () => ({ host: "127.0.0.1", port, password: "nope" }),
      /authentication failed \(check STARBOARD_ESL_PASSWORD\)/,
    ],
    [
      "nothing listening",
      () => ({ host: "127.0.0.1", port: 1, password: "pw" }),
      /ECONNREFUSED.*\(check STARBOARD_ESL_HOST\/PORT\)/,
    ],
  ])("fails the start with the reason on %s, and closes what it opened", async (_name, esl, why) => {
    const io = captureIo();
    await expect(startPlatform(config(esl()), io)).rejects.toThrow(why);
    expect(io.lines.some((l) => l.startsWith("  stopped event log"))).toBe(true);
  });
});
