import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** One AES-256 key with the id written beside every value it encrypts, so old values stay readable after rotation. */
export interface ConsentKey {
  id: string;
  key: Buffer;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Bank tokens (and device codes) at rest: AES-256-GCM, a random 96-bit IV per value, and the row id plus column name
 * as additional authenticated data, so a ciphertext copied into another row or column does not decrypt. Stored as
 * `v1.<key id>.<iv>.<ciphertext+tag>` (base64url). New values use the first key; any listed key decrypts.
 */
export class ConsentCipher {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly ConsentKey[]) {
    if (!keys.length) throw new Error("ConsentCipher needs at least one key");
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get activeKeyId(): string {
    return this.keys[0].id;
  }

  encrypt(plain: string, context: string): string {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, id, iv.toString("base64url"), sealed.toString("base64url")].join(".");
  }

  /** Null for a value no configured key opens (a retired key, another row's value, tampering): treat it as absent. */
  decrypt(stored: string, context: string): string | null {
    const [version, keyId, ivText, sealedText, ...rest] = stored.split(".");
    const key = this.byId.get(keyId);
    if (version !== VERSION || !key || rest.length || !ivText || !sealedText) return null;
    const sealed = Buffer.from(sealedText, "base64url");
    if (sealed.length < TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      return null;
    }
  }
}
