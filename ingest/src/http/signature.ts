import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ok, refuse, type Step } from "./step";

export const SignatureHeaders = {
  signature: "x-starboard-signature",
  timestamp: "x-starboard-timestamp",
  delivery: "x-starboard-delivery",
} as const;

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`): what a sender computes. */
export function sign(secret: string, timestamp: string, body: Uint8Array | string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;
}

const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

export interface Signed {
  timestampSeconds: number;
  deliveryId: string;
}

/**
 * The timestamp is inside the MAC so a captured request cannot be replayed with a fresh one; the
 * comparison is constant-time. Freshness and delivery-id replay are checked by the caller.
 */
export function verifySignature(
  headers: IncomingHttpHeaders,
  body: Buffer,
  secrets: readonly string[],
): Step<Signed> {
  const signature = one(headers[SignatureHeaders.signature]);
  const timestamp = one(headers[SignatureHeaders.timestamp]);
  const delivery = one(headers[SignatureHeaders.delivery]);
  if (signature === undefined || timestamp === undefined || delivery === undefined) {
    return refuse(
      401,
      "unsigned",
      `missing ${[signature === undefined ? SignatureHeaders.signature : "", timestamp === undefined ? SignatureHeaders.timestamp : "", delivery === undefined ? SignatureHeaders.delivery : ""].filter((h) => h !== "").join(", ")}`,
    );
  }
  if (!/^\d{1,12}$/.test(timestamp))
    return refuse(401, "bad-signature", `${SignatureHeaders.timestamp} must be unix seconds`);
  if (delivery.length === 0 || delivery.length > 128)
    return refuse(401, "bad-signature", `${SignatureHeaders.delivery} must be 1..128 chars`);
  const given = Buffer.from(signature);
  // Several secrets so a sender can rotate without downtime.
  const match = secrets.some((secret) => {
    const expected = Buffer.from(sign(secret, timestamp, body));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!match) return refuse(401, "bad-signature", "signature does not match the body");
  return ok({ timestampSeconds: Number(timestamp), deliveryId: delivery });
}
