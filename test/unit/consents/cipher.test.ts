import { randomBytes } from "node:crypto";
import { EnvReader } from "../../../src/env";
import { ConsentCipher } from "../../../src/consents/consent.cipher";
import { readConsentConfig } from "../../../src/consents/consent.config";

const key = (id: string) => ({ id, key: randomBytes(32) });

describe("ConsentCipher (AES-256-GCM, key ids for rotation)", () => {
  const old = key("k1");
  const next = key("k2");

  it("seals with the first key, and the value names the key but never shows the plain text", () => {
    const cipher = new ConsentCipher([next, old]);
    const sealed = cipher.encrypt("access-token-value", "bcn_1:access_token");
    expect(sealed).toMatch(/^v1\.k2\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("access-token-value");
    expect(cipher.encrypt("access-token-value", "bcn_1:access_token")).not.toBe(sealed);
    expect(cipher.decrypt(sealed, "bcn_1:access_token")).toBe("access-token-value");
  });

  it("still opens values sealed with an older key after rotation; a retired key's values read as absent", () => {
    const sealedOld = new ConsentCipher([old]).encrypt("refresh", "bcn_1:refresh_token");
    expect(new ConsentCipher([next, old]).decrypt(sealedOld, "bcn_1:refresh_token")).toBe("refresh");
    expect(new ConsentCipher([next]).decrypt(sealedOld, "bcn_1:refresh_token")).toBeNull();
  });

  it("refuses a value moved to another row or column, or tampered with", () => {
    const cipher = new ConsentCipher([old]);
    const sealed = cipher.encrypt("secret", "bcn_1:access_token");
    expect(cipher.decrypt(sealed, "bcn_2:access_token")).toBeNull();
    expect(cipher.decrypt(sealed, "bcn_1:refresh_token")).toBeNull();
    const [v, id, iv, body] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    expect(cipher.decrypt([v, id, iv, flipped.toString("base64url")].join("."), "bcn_1:access_token")).toBeNull();
    expect(cipher.decrypt("not-a-sealed-value", "bcn_1:access_token")).toBeNull();
  });
});

describe("readConsentConfig", () => {
  const read = (env: NodeJS.ProcessEnv, production = false) => {
    const reader = new EnvReader(env);
    const config = readConsentConfig(reader, production);
    return { config, problems: reader.problems };
  };
  const b64 = (n: number) => randomBytes(n).toString("base64");

  it("generates a key per start in development", () => {
    const { config, problems } = read({});
    expect(problems).toEqual([]);
    expect(config.generatedKey).toBe(true);
    expect(config.keys).toHaveLength(1);
    expect(config.keys[0].key).toHaveLength(32);
  });

  it("production refuses to start without CONSENT_ENCRYPTION_KEYS", () => {
    expect(read({}, true).problems).toEqual([expect.stringContaining("CONSENT_ENCRYPTION_KEYS is required when NODE_ENV=production")]);
  });

  it("reads keys newest first, and never quotes a key in a problem", () => {
    const [k2, k1] = [b64(32), b64(32)];
    const { config, problems } = read({ CONSENT_ENCRYPTION_KEYS: `k2:${k2}, k1:${k1}` }, true);
    expect(problems).toEqual([]);
    expect(config.keys.map((k) => k.id)).toEqual(["k2", "k1"]);
    const short = b64(16);
    const bad = read({ CONSENT_ENCRYPTION_KEYS: `k2:${short},k2:${k2},k2:${k1},nocolon` });
    expect(bad.problems).toEqual([
      "CONSENT_ENCRYPTION_KEYS entry 1 must be <key id>:<base64 of exactly 32 random bytes>",
      'CONSENT_ENCRYPTION_KEYS names key id "k2" twice',
      "CONSENT_ENCRYPTION_KEYS entry 4 must be <key id>:<base64 of exactly 32 random bytes>",
    ]);
    expect(bad.problems.join(" ")).not.toContain(short);
  });
});
