import { sanitizeProviderText } from "../../src/errors";
import { luhnValidPan } from "../../src/sandbox/pan";

// Provider error text reaches clients (providerMessage) and the store; whatever a provider echoes back must lose its
// card data and credentials on the way, and the rest must stay readable.

const PAN = luhnValidPan("4", 16);
const group = (digits: string, by: string) => digits.replace(/(\d{4})(?=\d)/g, `$1${by}`);

describe("sanitizeProviderText", () => {
  const VERVE = luhnValidPan("506099", 19);
  it.each([
    ["a bare PAN", PAN, `declined card ${PAN}`],
    ["a PAN in groups of four, by spaces", PAN, `card ${group(PAN, " ")} is blocked`],
    ["a PAN in groups of four, by dashes", PAN, `card ${group(PAN, "-")} is blocked`],
    ["a 19-digit Verve PAN in 4-4-4-4-3", VERVE, `card ${group(VERVE, " ")}`],
  ])("keeps only the last four digits of %s", (_case, pan, text) => {
    const clean = sanitizeProviderText(text);
    expect(clean.replace(/\D/g, "")).toBe(pan.slice(-4));
    expect(clean).toContain(`${"*".repeat(pan.length - 4)}${pan.slice(-4)}`);
  });

  it.each([
    ["cvv2 370", "cvv2 ***"],
    ['"card_cvv2":"370"', '"card_cvv2":"***"'],
    ["PIN is 7390", "PIN is ***"],
    ["your pin was: 7390", "your pin was: ***"],
    ["cvv=370, pin#7390", "cvv=***, pin#***"],
    ["PAN number 5060991234", "PAN number ***"],
  ])("masks labelled card data: %s", (text, expected) => {
    expect(sanitizeProviderText(text)).toBe(expected);
  });

  it("redacts secrets and JWTs however they are split", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    const secret = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c0e2a4c6e";
    const clean = sanitizeProviderText(`bad token ${jwt} for client secret ${secret}`);
    expect(clean).toBe("bad token [redacted] for client secret [redacted]");
  });

  it("leaves ordinary text readable: dates, amounts, ids, words that contain a label", () => {
    const text = "Japan 2024: amount 5000 on 2027-08-01 for 64b0c0ffee1a2b3c4d5e6f70, spinning 123";
    expect(sanitizeProviderText(text)).toBe(text);
  });

  it("cuts to the length asked for, and turns non-strings into text", () => {
    expect(sanitizeProviderText("x".repeat(500))).toHaveLength(200);
    expect(sanitizeProviderText({ error: "bad", pan: PAN }, 64)).not.toContain(PAN);
    expect(sanitizeProviderText(undefined)).toBe("");
  });
});
