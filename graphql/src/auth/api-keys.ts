import { createHash } from "node:crypto";
import { type Role, roles } from "@starboard/core";

export interface ApiKey {
  key: string;
  role: Role;
}

/** Who is calling. The key itself never leaves this module: logs and audit use keyId. */
export interface Principal {
  role: Role;
  keyId: string;
}

export class ApiKeyConfigError extends Error {
  override readonly name = "ApiKeyConfigError";
}

const minimumKeyLength = 16;

/** STARBOARD_API_KEYS: "key:role,key:role". Errors name the entry by position, never by its secret. */
export function parseApiKeys(value: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  entries.forEach((entry, i) => {
    const at = entry.lastIndexOf(":");
    const where = `STARBOARD_API_KEYS entry ${i + 1}`;
    if (at <= 0) throw new ApiKeyConfigError(`${where}: expected key:role`);
    const key = entry.slice(0, at);
    const role = entry.slice(at + 1);
    if (!(roles as readonly string[]).includes(role))
      throw new ApiKeyConfigError(`${where}: role "${role}" is not one of ${roles.join(", ")}`);
    if (key.length < minimumKeyLength)
      throw new ApiKeyConfigError(`${where}: key is shorter than ${minimumKeyLength} characters`);
    if (keys.some((k) => k.key === key))
      throw new ApiKeyConfigError(`${where}: the same key is listed twice`);
    keys.push({ key, role: role as Role });
  });
  return keys;
}

/** A name for a key that is safe to log: a hash prefix, not the key's own characters. */
export function keyIdOf(key: string): string {
  return `key-${createHash("sha256").update(key).digest("hex").slice(0, 10)}`;
}

export class KeyRing {
  private readonly byDigest = new Map<string, Principal>();
  private readonly active = new Set<string>();

  constructor(keys: readonly ApiKey[]) {
    for (const k of keys) {
      const principal: Principal = { role: k.role, keyId: keyIdOf(k.key) };
      this.byDigest.set(digest(k.key), principal);
      this.active.add(`${principal.keyId}:${principal.role}`);
    }
  }

  /** The principal for an `Authorization` value ("Bearer <key>"), or undefined. */
  authenticate(authorization: string | undefined): Principal | undefined {
    if (authorization === undefined) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1] === undefined) return undefined;
    // Looked up by SHA-256 digest: comparison time depends on the digest, not on the key's bytes.
    return this.byDigest.get(digest(match[1]));
  }

  /** Still valid (re-checked on every subscription event). */
  isActive(principal: Principal): boolean {
    return this.active.has(`${principal.keyId}:${principal.role}`);
  }
}

function digest(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
