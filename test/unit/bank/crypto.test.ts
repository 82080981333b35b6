import { decryptPin, encryptPin } from "../../../src/providers/bank/pin";
import { signIdempotencyKey, verifySignature } from "../../../src/providers/bank/signature";
import { pinIv } from "../../../src/providers/bank/issuer";

const SECRET = "sk_test_9f2c";

describe("request signature", () => {
  // printf 'sk_test_9f2c;idem-0001' | sha256sum
  const VECTOR = "f23f71c65e4d5ad9b139b7657a65b6589433e7d625577fbab4fe256286742ecd";

  it("is the SHA-256 of secret;key in the configured encoding", () => {
    expect(signIdempotencyKey(SECRET, "idem-0001", "hex")).toBe(VECTOR);
    expect(signIdempotencyKey(SECRET, "idem-0001", "hex-upper")).toBe(VECTOR.toUpperCase());
    expect(signIdempotencyKey(SECRET, "idem-0001", "base64")).toBe(Buffer.from(VECTOR, "hex").toString("base64"));
  });

  it("verifies only the configured encoding and rejects another key's signature", () => {
    expect(verifySignature(SECRET, "idem-0001", VECTOR, "hex")).toBe(true);
    expect(verifySignature(SECRET, "idem-0001", VECTOR.toUpperCase(), "hex")).toBe(false);
    expect(verifySignature(SECRET, "idem-0001", VECTOR.toUpperCase(), "hex-upper")).toBe(true);
    expect(verifySignature(SECRET, "idem-0001", VECTOR, "base64")).toBe(false);
    expect(verifySignature(SECRET, "idem-0002", VECTOR, "hex")).toBe(false);
    expect(verifySignature(SECRET, "idem-0001", "", "hex")).toBe(false);
  });
});

describe("default PIN encryption", () => {
  const IV = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
  // KEY=$(printf 'sk_test_9f2c' | sha256sum | cut -d' ' -f1)
  // (printf '\x00\x01...\x0f'; printf '4821' | openssl enc -aes-256-cbc -K $KEY -iv 000102...0f) | base64
  const VECTOR = "AAECAwQFBgcICQoLDA0OD1mY+kXlJ+Q8qgbRN4QRN3k=";

  it("matches a vector made with the openssl CLI", () => {
    expect(encryptPin("4821", SECRET, "aes-256-cbc-sha256key-ivprefix-b64", IV)).toBe(VECTOR);
  });

  it("wraps the same ciphertext in the -wrapped scheme", () => {
    expect(encryptPin("4821", SECRET, "aes-256-cbc-sha256key-ivprefix-b64-wrapped", IV)).toBe(`AES-256-CBC(${VECTOR})`);
  });

  it.each(["aes-256-cbc-sha256key-ivprefix-b64", "aes-256-cbc-sha256key-ivprefix-b64-wrapped", "plaintext"] as const)(
    "round-trips with %s",
    (scheme) => {
      const encrypted = encryptPin("0093", SECRET, scheme);
      expect(decryptPin(encrypted, SECRET, scheme)).toBe("0093");
    },
  );

  it("uses a fresh IV when none is given, so two encryptions differ", () => {
    const scheme = "aes-256-cbc-sha256key-ivprefix-b64";
    expect(encryptPin("4821", SECRET, scheme)).not.toBe(encryptPin("4821", SECRET, scheme));
  });

  it("does not decrypt under another secret", () => {
    const encrypted = encryptPin("4821", SECRET, "aes-256-cbc-sha256key-ivprefix-b64", IV);
    expect(decryptPin(encrypted, "another-secret", "aes-256-cbc-sha256key-ivprefix-b64")).not.toBe("4821");
  });
});

describe("PIN IV derived from the idempotency key", () => {
  it("is the first 16 bytes of HMAC-SHA256(secret, key)", () => {
    // printf 'idem-0001' | openssl dgst -sha256 -hmac 'sk_test_9f2c'
    expect(pinIv(SECRET, "idem-0001").toString("hex")).toBe("bb0c19e82c8ab9340f6d0b14da12ffb8");
  });

  it("gives the same ciphertext for the same key and a different one for another key", () => {
    const scheme = "aes-256-cbc-sha256key-ivprefix-b64";
    const first = encryptPin("4821", SECRET, scheme, pinIv(SECRET, "idem-0001"));
    expect(encryptPin("4821", SECRET, scheme, pinIv(SECRET, "idem-0001"))).toBe(first);
    expect(encryptPin("4821", SECRET, scheme, pinIv(SECRET, "idem-0002"))).not.toBe(first);
  });
});
