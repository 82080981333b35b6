import { ProviderRejectedError, ProviderUnavailableError } from "../../../src/errors";
import { errorForResponse, isSuccess } from "../../../src/providers/sudo/response-errors";

const rejectedAs = (error: unknown) => {
  expect(error).toBeInstanceOf(ProviderRejectedError);
  return (error as ProviderRejectedError).extensions;
};
const unavailableAs = (error: unknown) => {
  expect(error).toBeInstanceOf(ProviderUnavailableError);
  return (error as ProviderUnavailableError).extensions;
};

describe("isSuccess", () => {
  it.each([
    [200, { statusCode: 200, data: {} }, true],
    [201, { statusCode: 200, data: {} }, true],
    [200, { data: {} }, true],
    [200, { statusCode: 400, message: "Card creation failed.", data: null }, false],
    [200, { statusCode: "402", message: "Insufficient balance." }, false],
    [200, "<html>ok</html>", false],
    [400, { statusCode: 200 }, false],
  ])("HTTP %i with %j -> %s", (status, body, expected) => {
    expect(isSuccess(status, body)).toBe(expected);
  });
});

describe("errorForResponse", () => {
  it("maps a validation 400 to our field paths and constraint names", () => {
    const body = {
      statusCode: 400,
      error: "Bad Request",
      message: [
        { property: "sendPINSMS", children: [], constraints: { isBoolean: "sendPINSMS must be a boolean value" } },
        {
          property: "spendingControls",
          children: [
            {
              property: "spendingLimits",
              children: [{ property: "0", children: [{ property: "interval", children: [], constraints: { isIn: "interval must be one of the following values: daily" } }] }],
            },
          ],
        },
        { property: "number", children: [], constraints: { isCardNumber: "number 5061020000000000003 is not a card number" } },
      ],
    };
    const ext = rejectedAs(errorForResponse(400, null, body));
    expect(ext).toMatchObject({ code: "PROVIDER_REJECTED", provider: "SUDO", providerCode: "VALIDATION_FAILED" });
    expect(ext.providerErrors).toEqual([
      { field: "sendPinSms", code: "isBoolean", message: "sendPinSms must be a boolean value" },
      {
        field: "spendingControls.spendingLimits.0.interval",
        code: "isIn",
        message: "spendingControls.spendingLimits.0.interval must be one of the following values: daily",
      },
      { field: "number", code: "isCardNumber", message: "number ***************0003 is not a card number" },
    ]);
    expect(JSON.stringify(ext)).not.toContain("5061020000000000003");
  });

  it.each([401, 402, 403, 404, 409])("HTTP %i is a rejection coded with the status", (status) => {
    const ext = rejectedAs(errorForResponse(status, null, { statusCode: status, message: "Customer not found." }));
    expect(ext).toMatchObject({ providerCode: String(status), providerMessage: "Customer not found." });
  });

  it("a 400 with a plain message is coded 400", () => {
    expect(rejectedAs(errorForResponse(400, null, { statusCode: 400, message: "Request body is not valid JSON." }))).toMatchObject({
      providerCode: "400",
    });
  });

  it("a failure envelope inside a 2xx is a rejection coded with the body's status", () => {
    const ext = rejectedAs(errorForResponse(200, null, { statusCode: 402, message: "Insufficient balance.", data: null }));
    expect(ext).toMatchObject({ providerCode: "402", providerMessage: "Insufficient balance." });
  });

  it("a server error inside a 2xx leaves the outcome unknown: UPSTREAM_ERROR, not a rejection", () => {
    expect(unavailableAs(errorForResponse(200, null, { statusCode: 503, message: "Service unavailable", data: null }))).toMatchObject({
      reason: "UPSTREAM_ERROR",
    });
  });

  it("429 is RATE_LIMITED, with Retry-After in seconds or as a date", () => {
    expect(unavailableAs(errorForResponse(429, "7", {}))).toMatchObject({ reason: "RATE_LIMITED", retryAfterSeconds: 7 });
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(unavailableAs(errorForResponse(429, inTenSeconds, {})).retryAfterSeconds).toBeGreaterThan(0);
    expect(unavailableAs(errorForResponse(429, null, {}))).not.toHaveProperty("retryAfterSeconds");
  });

  it.each([500, 502, 503, 504])("HTTP %i is UPSTREAM_ERROR", (status) => {
    expect(unavailableAs(errorForResponse(status, null, "<html><body>502 Bad Gateway</body></html>"))).toMatchObject({ reason: "UPSTREAM_ERROR" });
  });

  it("408 is a TIMEOUT", () => {
    expect(unavailableAs(errorForResponse(408, null, {}))).toMatchObject({ reason: "TIMEOUT" });
  });

  it("an HTML page or truncated JSON with a 2xx is BAD_RESPONSE, and the page is not quoted", () => {
    const error = errorForResponse(200, null, "<html>Sign in</html>");
    expect(unavailableAs(error)).toMatchObject({ reason: "BAD_RESPONSE" });
    expect((error as Error).message).not.toContain("Sign in");
  });

  it("a 4xx page that is not JSON still gets its status as the code", () => {
    expect(rejectedAs(errorForResponse(403, null, "<html>Forbidden by WAF</html>"))).toMatchObject({
      providerCode: "403",
      providerMessage: "HTTP 403",
    });
  });
});
