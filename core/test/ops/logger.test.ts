import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel, logLevelFrom } from "../../src/ops/index";

function capture(level: LogLevel = "info") {
  const lines: string[] = [];
  const logger = createLogger({
    service: "test-service",
    level,
    destination: { write: (s) => lines.push(s) },
  });
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, parsed };
}

const phone = "+8613800138000";
const bareMobile = "13800138000";
const apiKey = "sb-live-9f8e7d6c5b4a39281706";
const secret = "whsec-Hq3x9dLmNp2Rt7Vw";

describe("createLogger", () => {
  it("writes one JSON object per line with level, ISO time, service and message", () => {
    const { logger, lines, parsed } = capture();
    logger.info({ queueId: "support", waiting: 3 }, "queue updated");
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith("\n")).toBe(true);
    const [line] = parsed();
    expect(line).toMatchObject({ level: "info", service: "test-service", queueId: "support", waiting: 3 });
    expect(line?.msg).toBe("queue updated");
    expect(typeof line?.time).toBe("string");
    expect(new Date(String(line?.time)).toISOString()).toBe(line?.time);
  });

  it("drops lines below the level", () => {
    const { logger, parsed } = capture("warn");
    logger.info("not written");
    logger.warn("written");
    expect(parsed().map((l) => l.msg)).toEqual(["written"]);
  });

  it("takes the level from STARBOARD_LOG_LEVEL and refuses a typo by name", () => {
    expect(logLevelFrom({})).toBe("info");
    expect(logLevelFrom({ STARBOARD_LOG_LEVEL: "DEBUG" })).toBe("debug");
    expect(() => logLevelFrom({ STARBOARD_LOG_LEVEL: "verbose" })).toThrow(/STARBOARD_LOG_LEVEL.*"verbose"/);
  });

  it("never writes secrets: API keys, authorization headers, passwords, webhook secrets, tokens", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        config: {
          apiKeys: [{ key: apiKey, role: "admin" }],
          webhookSecret: secret,
          esl: { password: "ClueCon-prod" },
        },
        req: {
          method: "POST",
          url: "/graphql",
          headers: { authorization: `Bearer ${apiKey}`, "x-api-key": apiKey },
        },
        deep: { a: { b: { c: { clientSecret: secret, refresh_token: "rt-123456789abc" } } } },
      },
      "request received",
    );
    logger.warn(`rejected call with Authorization: Bearer ${apiKey}`);
    logger.error({ dsn: "http://starboard:s3cretPass@clickhouse:8123" }, "warehouse away");
    const text = lines.join("");
    for (const leaked of [apiKey, secret, "ClueCon-prod", "rt-123456789abc", "s3cretPass"])
      expect(text).not.toContain(leaked);
    expect(text).toContain("[redacted]");
    // What is not secret stays readable.
    expect(text).toContain('"method":"POST"');
    expect(text).toContain("/graphql");
    expect(text).toContain("clickhouse:8123");
  });

  it("never writes a customer's phone number, in fields, headers, messages or errors", () => {
    const { logger, lines, parsed } = capture();
    logger.info(
      {
        event: {
          type: "contact.created",
          contactId: "c-1",
          data: { callerNumber: phone, customerPhone: bareMobile },
        },
        headers: {
          "Caller-Caller-ID-Number": bareMobile,
          "Caller-Destination-Number": "4000123",
          "Event-Name": "CHANNEL_CREATE",
        },
        customer: { id: "cust-1", phones: [phone, "+86 138 0013 8001"] },
        from: `sip:${phone}@pbx.example.com`,
      },
      "contact created",
    );
    logger.warn(`no customer for ${phone}, and none for ${bareMobile} either`);
    logger.error(new Error(`data.caller: ${phone} is not a known number`), "dead-lettered");
    const text = lines.join("");
    for (const leaked of [phone, bareMobile, "138 0013 8001", "13800138000", "4000123"])
      expect(text).not.toContain(leaked);
    const [first, second, third] = parsed();
    // Masked values keep the last two digits, so two numbers can still be told apart.
    expect(first).toMatchObject({
      event: { contactId: "c-1", data: { callerNumber: "***00" } },
      headers: { "Event-Name": "CHANNEL_CREATE" },
      customer: { id: "cust-1", phones: ["***00", "***01"] },
    });
    expect(second?.msg).toBe("no customer for ***00, and none for ***00 either");
    expect(JSON.stringify(third?.err)).toContain("is not a known number");
  });

  it("leaves times, ids, counts and versions alone", () => {
    const { logger, parsed } = capture();
    const time = "2026-11-30T06:08:04.123Z";
    logger.info(
      { from: time, to: "2026-11-30", offset: 1234567, version: "10.4.0", contactId: "fs-1234567890" },
      `wrote 20000 rows at ${time}`,
    );
    const [line] = parsed();
    expect(line).toMatchObject({
      from: time,
      to: "2026-11-30",
      offset: 1234567,
      version: "10.4.0",
      contactId: "fs-1234567890",
    });
    expect(line?.msg).toBe(`wrote 20000 rows at ${time}`);
  });

  it("masks child bindings too", () => {
    const { logger, lines } = capture();
    logger
      .child({ caller: phone, apiKey })
      .child({ note: `callback to ${bareMobile}` })
      .info("call answered");
    const text = lines.join("");
    expect(text).not.toContain(phone);
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(bareMobile);
    expect(text).toContain("call answered");
  });
});
