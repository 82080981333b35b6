import { Writable } from "node:stream";
import { createLogger, scrubLogLine, withLogFields } from "../../src/logger";
import { luhnValidPan } from "../../src/sandbox/pan";
import { findLeaks, SecretSet } from "./leak-scan";

// Whatever object a future caller hands the logger, card data and credentials must not reach the output. These cases
// are the shapes that slipped through path-based redaction alone: top-level keys, deep nesting, error properties,
// JSON held in strings and free text.

const PAN = luhnValidPan("506099", 19);
const VISA = luhnValidPan("4", 16);
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXYiLCJzY29wZSI6ImNhcmRzOndyaXRlIn0.c2lnbmF0dXJlLW9mLWEtand0";
const CLIENT_SECRET = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c";

const secrets = new SecretSet();
for (const [label, value] of Object.entries({ PAN, VISA, JWT, CLIENT_SECRET, CVV2: "739", PIN: "4821", PIN_BLOCK: "c2VjcmV0LXBpbi1ibG9jaw==" })) secrets.add(label, value);

function capture(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => void (lines.push(...String(chunk).split("\n").filter(Boolean)), done()) });
  return { lines, logger: createLogger("trace", sink) };
}

const card = { card_number: PAN, card_cvv2: "739", card_default_pin: "c2VjcmV0LXBpbi1ibG9jaw==", card_token: `tok_${CLIENT_SECRET}`, last4: PAN.slice(-4) };

describe("the logger", () => {
  it("redacts sensitive keys at the top, one level down and deeply nested, at every level", () => {
    const { lines, logger } = capture();
    logger.info(card, "top level");
    logger.debug({ response: card }, "one level");
    logger.warn({ upstream: { body: { data: { ...card, nested: [{ pin: "4821", cvv2: "739", pan: VISA }] } } } }, "deep");
    logger.trace({ request: { headers: { Authorization: `Bearer ${JWT}`, "x-api-key": JWT, signature: CLIENT_SECRET, cookie: "s=1" } } }, "headers");
    logger.child({ provider: "BANK" }).error({ credentials: { client_secret: CLIENT_SECRET, clientSecret: CLIENT_SECRET, access_token: JWT, refreshToken: JWT } }, "child");
    expect(lines).toHaveLength(5);
    expect(findLeaks(lines, secrets)).toEqual([]);
    expect(lines.join("\n")).not.toContain("s=1");
    // What is safe to log stays readable.
    expect(JSON.parse(lines[0])).toMatchObject({ last4: PAN.slice(-4), msg: "top level", card_number: "[REDACTED]" });
    expect(JSON.parse(lines[4])).toMatchObject({ provider: "BANK", msg: "child" });
  });

  it("scrubs errors: their message, stack and extra properties", () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error(`declined card ${PAN}, token ${JWT}`), { response: { status: 400, body: { cvv2: "739", pin: "4821" } } });
    logger.error({ err: error }, "provider call failed");
    logger.error(error);
    expect(findLeaks(lines, secrets)).toEqual([]);
    expect(JSON.parse(lines[0]).err).toMatchObject({ message: expect.stringContaining(`declined card ${"*".repeat(15)}${PAN.slice(-4)}`), response: { status: 400 } });
  });

  it("scrubs JSON held in a string, as an echoed upstream body would be", () => {
    const { lines, logger } = capture();
    logger.warn({ body: JSON.stringify({ card_number: PAN, card_cvv2: "739", card_default_pin: "4821", client_secret: CLIENT_SECRET }) }, "upstream said");
    logger.warn({ body: JSON.stringify({ message: JSON.stringify({ cardNumber: PAN, defaultPin: 4821 }) }) }, "doubly wrapped");
    expect(findLeaks(lines, secrets)).toEqual([]);
  });

  it("masks card numbers, bearer credentials and JWTs in free text, grouped or not", () => {
    const { lines, logger } = capture();
    const grouped = VISA.replace(/(\d{4})(?=\d)/g, "$1 ");
    logger.info(`card ${PAN} then ${grouped} and ${VISA.replace(/(\d{4})(?=\d)/g, "$1-")}`);
    logger.info(withLogFields({ requestId: "r-1" }, () => `header Authorization: Bearer ${JWT.slice(0, 20)}, Basic ${Buffer.from(`id:${CLIENT_SECRET}`).toString("base64")}`));
    expect(findLeaks(lines, secrets)).toEqual([]);
    expect(lines.join("\n")).not.toContain(grouped);
    expect(lines.join("\n")).not.toContain(Buffer.from(`id:${CLIENT_SECRET}`).toString("base64"));
  });

  it("leaves timestamps, ids and non-Luhn digit runs alone", () => {
    const line = JSON.stringify({ time: 1795432520254, requestId: "req-1234567890123456", reference: "12345678901234567890", amount: 150000, cardId: "crd_0123456789abcdef" });
    expect(scrubLogLine(line)).toBe(line);
  });
});
