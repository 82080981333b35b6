import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals a provider input for the attempt row, so the reconciler can resume an attempt without the client. The input
 * may hold a bank PIN or a Sudo PAN, so it is stored only encrypted (AES-256-GCM, key derived from
 * IDEMPOTENCY_SECRET with HKDF, bound to the attempt's card id) and only while the attempt is pending: completing or
 * failing it clears the column. See docs/idempotency.md.
 */
export class InputSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync("sha256", secret, "cards-subgraph", `attempt resume input ${VERSION}`, 32));
  }

  seal(input: object, cardId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv).setAAD(Buffer.from(cardId, "utf8"));
    const body = Buffer.concat([cipher.update(JSON.stringify(input), "utf8"), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
  }

  /** The input as plain JSON, or null when it was sealed under another secret, for another attempt, or altered. */
  open(sealed: string, cardId: string): unknown {
    const [version, payload] = sealed.split(".");
    if (version !== VERSION || !payload) return null;
    const raw = Buffer.from(payload, "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(cardId, "utf8"))
        .setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
}
