import type { PinScheme } from "../../providers/bank/contract";
import { decryptPin } from "../../providers/bank/pin";
import type { BankCardAddress, BankCustomProperty, ValidCardRequest } from "./card-factory";
import { DEFAULT_PRODUCT_ID, PRODUCTS } from "./seed";

/** One entry of the bank's `errors[]` (FACTS A.9); `field` is a dotted path such as `card_expiry.month`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export type Validation = { ok: true; value: ValidCardRequest } | { ok: false; errors: FieldError[] };

export interface ValidationContext {
  clientSecret: string;
  pinScheme: PinScheme;
  now: Date;
}

type Json = Record<string, unknown>;

const MAX_TEXT = 255;
const STATUSES = ["ACTIVE", "INACTIVE", "BLOCKED", "LOST", "STOLEN"];
const TYPES = ["VIRTUAL", "PHYSICAL", "OTHER"];
const MODES = ["DEBIT", "CREDIT", "PREPAID", "OTHER"];
const CURRENCIES = ["NGN"];
const ADDRESS_FIELDS = ["street", "city", "state", "country"] as const;
const PROPERTY_FIELDS = ["id", "description", "type", "value"] as const;

/** The body must be a JSON object; anything else is reported as a problem with the field `body`. */
export function parseJsonObject(text: string): { ok: true; value: Json } | { ok: false; error: FieldError } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: { field: "body", code: "INVALID_JSON", message: "body must be valid JSON" } };
  }
  if (!isObject(value)) return { ok: false, error: { field: "body", code: "INVALID_TYPE", message: "body must be a JSON object" } };
  return { ok: true, value };
}

/** FACTS A.8 and A.13.6: checks every rule and reports every failure at once; unknown fields are ignored. */
export function validateCardRequest(body: Json, ctx: ValidationContext): Validation {
  const errors: FieldError[] = [];
  const fail = (field: string, code: string, message: string) => errors.push({ field, code, message });
  const text = (v: unknown, field: string, required: boolean) => checkText(v, field, required, fail);
  const oneOf = (field: string, options: string[], required: boolean) => checkEnum(body[field], field, options, required, fail);

  const value: ValidCardRequest = {
    card_status: oneOf("card_status", STATUSES, true) ?? "",
    card_holder_name: text(body.card_holder_name, "card_holder_name", true) ?? "",
    card_default_pin: checkPin(body.card_default_pin, ctx, fail) ?? "",
    card_expiry: checkExpiry(body.card_expiry, ctx.now, fail) ?? { month: "", year: "" },
    product_id: checkProduct(body.product_id, fail),
    card_type: oneOf("card_type", TYPES, false),
    card_mode: oneOf("card_mode", MODES, false),
    card_currency: oneOf("card_currency", CURRENCIES, false),
    card_address: checkAddress(body.card_address, text, fail),
    custom_properties: checkProperties(body.custom_properties, text, fail),
  };
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

type Fail = (field: string, code: string, message: string) => void;
type TextCheck = (v: unknown, field: string, required: boolean) => string | undefined;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON null on an optional field means the same as leaving it out. */
function absent(v: unknown): boolean {
  return v === undefined || v === null;
}

function checkText(v: unknown, field: string, required: boolean, fail: Fail): string | undefined {
  if (absent(v) || (typeof v === "string" && v.trim() === "")) {
    if (required) fail(field, "REQUIRED", `${field} is required`);
    return undefined;
  }
  if (typeof v !== "string") return void fail(field, "INVALID_TYPE", `${field} must be a string`);
  if (v.length > MAX_TEXT) return void fail(field, "TOO_LONG", `${field} must be at most ${MAX_TEXT} characters`);
  return v;
}

function checkEnum(v: unknown, field: string, options: string[], required: boolean, fail: Fail): string | undefined {
  if (absent(v)) {
    if (required) fail(field, "REQUIRED", `${field} is required`);
    return undefined;
  }
  if (typeof v === "string" && options.includes(v)) return v;
  return void fail(field, "INVALID_ENUM", `${field} must be one of ${options.join(", ")}`);
}

function checkPin(v: unknown, ctx: ValidationContext, fail: Fail): string | undefined {
  const field = "card_default_pin";
  if (absent(v) || v === "") return void fail(field, "REQUIRED", `${field} is required`);
  if (typeof v !== "string") return void fail(field, "INVALID_TYPE", `${field} must be a string`);
  const pin = decryptPin(v, ctx.clientSecret, ctx.pinScheme);
  if (pin === null || !/^\d{4}$/.test(pin)) {
    return void fail(field, "INVALID_PIN", `${field} must be a 4-digit PIN encrypted with the client secret`);
  }
  return v;
}

/** Month and year may arrive as strings ("01", "2027") or numbers; the card stores them as strings. */
function checkExpiry(v: unknown, now: Date, fail: Fail): { month: string; year: string } | undefined {
  if (absent(v)) return void fail("card_expiry", "REQUIRED", "card_expiry is required");
  if (!isObject(v)) return void fail("card_expiry", "INVALID_TYPE", "card_expiry must be an object {month, year}");
  const month = expiryPart(v.month, "card_expiry.month", /^(0[1-9]|1[0-2])$/, "01 to 12", fail);
  const year = expiryPart(v.year, "card_expiry.year", /^\d{4}$/, "4 digits", fail);
  if (month === undefined || year === undefined) return undefined;
  // A card stays valid through the last day of its expiry month (compared in UTC).
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (Number(year) * 12 + Number(month) - 1 < current) return void fail("card_expiry", "EXPIRED", "card_expiry is in the past");
  return { month, year };
}

function expiryPart(v: unknown, field: string, pattern: RegExp, rule: string, fail: Fail): string | undefined {
  if (absent(v) || v === "") return void fail(field, "REQUIRED", `${field} is required`);
  const text = typeof v === "number" && Number.isInteger(v) ? String(v).padStart(2, "0") : v;
  if (typeof text === "string" && pattern.test(text)) return text;
  return void fail(field, "INVALID_FORMAT", `${field} must be ${rule}`);
}

function checkProduct(v: unknown, fail: Fail): string {
  if (absent(v)) return DEFAULT_PRODUCT_ID;
  if (typeof v === "string" && v in PRODUCTS) return v;
  fail("product_id", "INVALID_PRODUCT", `product_id must be one of ${Object.keys(PRODUCTS).join(", ")}`);
  return DEFAULT_PRODUCT_ID;
}

function checkAddress(v: unknown, text: TextCheck, fail: Fail): BankCardAddress | undefined {
  if (absent(v)) return undefined;
  if (!isObject(v)) return void fail("card_address", "INVALID_TYPE", "card_address must be an object");
  const address: BankCardAddress = {};
  for (const key of ADDRESS_FIELDS) {
    const value = text(v[key], `card_address.${key}`, false);
    if (value !== undefined) address[key] = value;
  }
  // Countries are ISO 3166 alpha-2 codes (technical guide).
  if (address.country !== undefined && !/^[A-Z]{2}$/.test(address.country)) {
    fail("card_address.country", "INVALID_FORMAT", "card_address.country must be an ISO 3166-1 alpha-2 code");
  }
  return address;
}

function checkProperties(v: unknown, text: TextCheck, fail: Fail): BankCustomProperty[] | undefined {
  if (absent(v)) return undefined;
  if (!Array.isArray(v)) return void fail("custom_properties", "INVALID_TYPE", "custom_properties must be an array");
  return v.map((item, i) => {
    const path = `custom_properties.${i}`;
    if (!isObject(item)) {
      fail(path, "INVALID_TYPE", `${path} must be an object {id, description, type, value}`);
      return { id: "", description: "", type: "", value: "" };
    }
    // Only the id is required: the page shows all four as strings but marks none required.
    const [id, description, type, value] = PROPERTY_FIELDS.map((key) => text(item[key], `${path}.${key}`, key === "id") ?? "");
    return { id, description, type, value };
  });
}
