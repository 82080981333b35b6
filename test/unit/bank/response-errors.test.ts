import { ProviderRejectedError, ProviderUnavailableError } from "../../../src/errors";
import { cardOf, errorForResponse } from "../../../src/providers/bank/response-errors";

const card = { card_id: "crd_1", card_number: "5061234567891234" };

describe("cardOf", () => {
  it.each([
    [200, { status: "00", message: "Card created successfully", data: card }],
    [201, { status: "success", data: card }],
  ])("accepts HTTP %p with a success envelope", (status, body) => {
    expect(cardOf(status, body)).toBe(card);
  });

  it.each([
    ["a failure status", 200, { status: "05", data: card }],
    ["no data", 200, { status: "00" }],
    ["data without card_id", 200, { status: "00", data: { card_number: "1" } }],
    ["a non-2xx status", 400, { status: "00", data: card }],
    ["text", 200, "<html></html>"],
  ])("rejects %s", (_label, status, body) => {
    expect(cardOf(status, body)).toBeUndefined();
  });
});

describe("errorForResponse", () => {
  const rejectedWith = (status: number, body: unknown) => {
    const error = errorForResponse(status, null, body);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    return error.extensions;
  };
  const unavailableWith = (status: number, body: unknown, retryAfter: string | null = null) => {
    const error = errorForResponse(status, retryAfter, body);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    return error.extensions;
  };

  it("maps a 400 errors[] to VALIDATION_FAILED with our field paths", () => {
    const extensions = rejectedWith(400, {
      status: "error",
      message: "Validation failed",
      errors: [
        { field: "card_expiry.month", code: "INVALID_FORMAT", message: "card_expiry.month must be 01 to 12" },
        { field: "card_default_pin", code: "INVALID_PIN", message: "card_default_pin must be a 4-digit PIN" },
        { field: "idempotency-key", code: "REQUIRED", message: "idempotency-key is required" },
      ],
    });
    expect(extensions).toMatchObject({ providerCode: "VALIDATION_FAILED", providerMessage: "Validation failed" });
    expect(extensions.providerErrors).toEqual([
      { field: "expiry.month", code: "INVALID_FORMAT", message: "card_expiry.month must be 01 to 12" },
      { field: "defaultPin", code: "INVALID_PIN", message: "card_default_pin must be a 4-digit PIN" },
      { code: "REQUIRED", message: "idempotency-key is required" },
    ]);
  });

  it("uses the ISO-8583 status of a 409 as the code", () => {
    expect(rejectedWith(409, { status: "94", message: "Duplicate transaction" })).toMatchObject({ providerCode: "94" });
  });

  it("treats a 409 'request in progress' as unavailable: the outcome is not known yet", () => {
    expect(errorForResponse(409, null, { status: "09", message: "Request in progress" })).toMatchObject({ extensions: { code: "PROVIDER_UNAVAILABLE" } });
  });

  it.each([401, 403, 404, 402])("uses HTTP %p as the code", (status) => {
    expect(rejectedWith(status, { message: "nope" })).toMatchObject({ providerCode: String(status), providerMessage: "nope" });
  });

  it("uses a failure status inside a 2xx envelope as the code", () => {
    expect(rejectedWith(200, { status: "05", message: "Do not honor" })).toMatchObject({ providerCode: "05", providerMessage: "Do not honor" });
  });

  it("masks digit runs in provider messages", () => {
    const extensions = rejectedWith(400, { status: "30", message: "bad card 5061234567891234" });
    expect(extensions).toMatchObject({ providerCode: "30" });
    expect(String(extensions.providerMessage)).not.toContain("5061234567891234");
  });

  it.each([
    [429, "RATE_LIMITED"],
    [408, "TIMEOUT"],
    [500, "UPSTREAM_ERROR"],
    [502, "UPSTREAM_ERROR"],
    [503, "UPSTREAM_ERROR"],
  ])("maps HTTP %p to %p", (status, reason) => {
    expect(unavailableWith(status, "<html>bad gateway</html>")).toMatchObject({ reason });
  });

  it("reads Retry-After on a 503 too, so a retry waits as long as the bank asked", () => {
    expect(unavailableWith(503, {}, "2")).toMatchObject({ reason: "UPSTREAM_ERROR", retryAfterSeconds: 2 });
  });

  it.each([
    ["120", 120],
    [new Date(Date.now() + 30_000).toUTCString(), 30],
    ["soon", undefined],
  ])("reads Retry-After %p", (header, seconds) => {
    const extensions = unavailableWith(429, {}, header);
    if (seconds === undefined) expect(extensions.retryAfterSeconds).toBeUndefined();
    else expect(extensions.retryAfterSeconds).toBeGreaterThanOrEqual(seconds - 1);
  });

  it.each([
    ["an HTML page", "<html><body>ok</body></html>"],
    ["truncated JSON", '{"status":"00","data":{"card_'],
    ["a success envelope without a card", { status: "00", message: "Card created successfully" }],
    ["no status at all", { data: card }],
  ])("maps a 2xx with %s to BAD_RESPONSE", (_label, body) => {
    expect(unavailableWith(200, body)).toMatchObject({ reason: "BAD_RESPONSE" });
  });

  it("never copies the body into the error", () => {
    const body = { status: "00", data: { card_number: "5061234567891234", card_cvv2: "739", card_token: "tok_secret" } };
    const error = errorForResponse(200, null, body);
    const text = JSON.stringify({ message: error.message, ...error.extensions });
    for (const secret of ["5061234567891234", "739", "tok_secret"]) expect(text).not.toContain(secret);
  });
});
