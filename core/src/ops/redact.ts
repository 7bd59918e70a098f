// What must never reach a log line: secrets (API keys, authorization headers, passwords, webhook
// secrets, tokens) and customers' phone numbers. Two layers, because one of them alone leaks:
// pino's `redact` paths (logger.ts) cover the known shapes cheaply, and `scrubLogObject` walks
// whatever else was logged, masking secret-named keys at any depth, phone-like values in
// phone-bearing fields, and phone numbers or bearer tokens inside free text.

export const redactedText = "[redacted]";

/** Key names (lower case, without - and _) whose values are secrets wherever they appear. */
const secretKeys = new Set([
  "apikey",
  "apikeys",
  "xapikey",
  "authorization",
  "proxyauthorization",
  "password",
  "passwd",
  "eslpassword",
  "secret",
  "webhooksecret",
  "clientsecret",
  "token",
  "accesstoken",
  "refreshtoken",
  "cookie",
  "setcookie",
  "generatedkey",
  "bearer",
  "xstarboardsignature",
]);

/**
 * Fields that carry a customer's number in Starboard's events and in FreeSWITCH's headers (the
 * ESL adapter logs headers as they came). Matched lower case, without - and _.
 */
const phoneKeys = new Set([
  "phone",
  "phones",
  "phonenumber",
  "caller",
  "callernumber",
  "callerid",
  "calleridnumber",
  "callercalleridnumber",
  "callercalleenumber",
  "calleenumber",
  "callee",
  "ani",
  "dnis",
  "from",
  "to",
  "destination",
  "destinationnumber",
  "callerdestinationnumber",
  "msisdn",
  "customerphone",
  "contactnumber",
]);

const normalise = (key: string) => key.toLowerCase().replace(/[-_]/g, "");

export const isSecretKey = (key: string): boolean => {
  const k = normalise(key);
  return secretKeys.has(k) || k.endsWith("secret") || k.endsWith("password") || k.endsWith("apikey");
};

export const isPhoneKey = (key: string): boolean => phoneKeys.has(normalise(key));

/** Keeps the last two digits so an operator can tell two numbers apart, nothing more. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, "");
  return `***${digits.slice(-2)}`;
}

/**
 * In a phone-bearing field: digits with the usual separators (5 or more digits), alone or as a SIP
 * or dial-string user part ("sip:+8613800138000@pbx", "user/1001"). A date is not a number.
 */
function phoneLikeValue(value: string): boolean {
  const user = value
    .replace(/^(sips?:|tel:|[\w-]+\/)/i, "")
    .replace(/@.*$/, "")
    .trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(user)) return false;
  return /^\+?[\d\s().-]+$/.test(user) && (user.match(/\d/g)?.length ?? 0) >= 5;
}

// In free text: "+" and 7-15 digits (spaces or dashes allowed between), or a bare run of 7-15
// digits not part of a word, a decimal or a dotted/colon token (dates, versions, addresses stay).
const phoneInText = /\+\d(?:[ -]?\d){6,14}(?![\d.])|(?<![\w.:/-])\d{7,15}(?![\w.:/-])/g;
const bearerInText = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// URL userinfo (postgres://user:pass@host): the password goes.
const urlPassword = /(\/\/[^/\s:@]+:)[^@\s/]+@/g;

/** Free text with phone numbers, bearer tokens and URL passwords masked. */
export function scrubText(text: string): string {
  return text
    .replace(bearerInText, (_m, scheme: string) => `${scheme} ${redactedText}`)
    .replace(urlPassword, (_m, head: string) => `${head}${redactedText}@`)
    .replace(phoneInText, (m) => maskPhone(m));
}

const maxDepth = 8;
const maxItems = 200;

function scrubValue(value: unknown, key: string | undefined, depth: number, seen: WeakSet<object>): unknown {
  if (key !== undefined && isSecretKey(key)) return value === undefined ? value : redactedText;
  const phoneField = key !== undefined && isPhoneKey(key);
  if (typeof value === "string")
    return phoneField && phoneLikeValue(value) ? maskPhone(value) : scrubText(value);
  if (typeof value === "number" && phoneField && phoneLikeValue(String(value)))
    return maskPhone(String(value));
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= maxDepth) return "[nested too deep]";
  seen.add(value);
  if (Array.isArray(value))
    return value
      .slice(0, maxItems)
      .map((item) => scrubValue(item, phoneField ? key : undefined, depth + 1, seen));
  if (value instanceof Error) {
    // Errors are written as type, message and stack; the message is often where a number hides.
    const out: Record<string, unknown> = {
      type: value.name,
      message: scrubText(value.message),
      ...(value.stack === undefined ? {} : { stack: scrubText(value.stack) }),
    };
    for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, k, depth + 1, seen);
    if (value.cause !== undefined) out.cause = scrubValue(value.cause, "cause", depth + 1, seen);
    return out;
  }
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, k, depth + 1, seen);
  return out;
}

/** A copy of a log line's fields with every secret and phone number masked (the input is left alone). */
export function scrubLogObject(object: Record<string, unknown>): Record<string, unknown> {
  const seen = new WeakSet<object>();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) out[k] = scrubValue(v, k, 0, seen);
  return out;
}
