import { randomBytes } from "node:crypto";
import type { EnvReader } from "../env";
import type { ConsentKey } from "./consent.cipher";

export interface ConsentConfig {
  /** The first encrypts; all decrypt (CONSENT_ENCRYPTION_KEYS). */
  keys: ConsentKey[];
  /** True when the key was generated at start (development): tokens stored by an earlier run cannot be read. */
  generatedKey: boolean;
  /** How often the poller looks for consents due a poll or a refresh. The bank's interval decides when one is due. */
  tickMs: number;
  /** How long one replica owns a consent's poll before another may take it over (it crashed mid-poll). */
  leaseMs: number;
  /** RFC 8628 §3.5: what `slow_down` adds to the interval. 5 s; tests shorten it with the simulator's. */
  slowDownStepMs: number;
}

const KEY_ENTRY = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/;

/**
 * CONSENT_ENCRYPTION_KEYS: comma-separated `<key id>:<base64 of 32 bytes>`, newest first. Rotation: put the new key
 * first and keep the old ones until every consent has been refreshed or has ended. Production refuses to start
 * without it; development generates one per start (nothing from an earlier run can be decrypted, by design).
 */
export function readConsentConfig(read: EnvReader, production: boolean): ConsentConfig {
  const raw = read.optional("CONSENT_ENCRYPTION_KEYS");
  let keys: ConsentKey[] = [];
  if (raw !== undefined) keys = parseKeys(raw, read);
  else if (production) read.problems.push("CONSENT_ENCRYPTION_KEYS is required when NODE_ENV=production: bank tokens are stored encrypted with it");
  const generatedKey = raw === undefined;
  if (generatedKey) keys = [{ id: `dev-${randomBytes(4).toString("hex")}`, key: randomBytes(32) }];
  return {
    keys,
    generatedKey,
    tickMs: read.int("BANK_CONSENT_POLL_TICK_MS", 1_000, 10, 60_000),
    leaseMs: read.int("BANK_CONSENT_LEASE_MS", 30_000, 100, 600_000),
    slowDownStepMs: read.int("BANK_CONSENT_SLOW_DOWN_MS", 5_000, 1, 60_000),
  };
}

/** The values are secrets: no message quotes them. */
function parseKeys(raw: string, read: EnvReader): ConsentKey[] {
  const keys: ConsentKey[] = [];
  const entries = raw.split(",").map((s) => s.trim()).filter(Boolean);
  entries.forEach((entry, i) => {
    const match = KEY_ENTRY.exec(entry);
    const key = match ? Buffer.from(match[2], "base64") : undefined;
    if (!match || key?.length !== 32) {
      read.problems.push(`CONSENT_ENCRYPTION_KEYS entry ${i + 1} must be <key id>:<base64 of exactly 32 random bytes>`);
    } else if (keys.some((k) => k.id === match[1])) {
      read.problems.push(`CONSENT_ENCRYPTION_KEYS names key id "${match[1]}" twice`);
    } else {
      keys.push({ id: match[1], key });
    }
  });
  if (!entries.length) read.problems.push("CONSENT_ENCRYPTION_KEYS must list at least one key");
  return keys;
}
