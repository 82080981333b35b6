import { plainToInstance } from "class-transformer";
import { BankCardInput } from "../../../src/providers/bank/bank.input";
import { validateInput } from "../../../src/cards/validation";

const now = new Date();
const thisYear = now.getUTCFullYear();
const thisMonth = now.getUTCMonth() + 1;
const lastMonth = thisMonth === 1 ? { month: 12, year: thisYear - 1 } : { month: thisMonth - 1, year: thisYear };
const long = "x".repeat(256);

function validPlain(): Record<string, unknown> {
  return {
    connectionId: "CONN0987654321",
    customerId: "cus_ada",
    status: "ACTIVE",
    holderName: "Ada Okafor",
    defaultPin: "4821",
    expiry: { month: 6, year: thisYear + 3 },
    productId: "1",
    type: "VIRTUAL",
    mode: "DEBIT",
    currency: "NGN",
    address: { street: "1 Marina", city: "Lagos", state: "Lagos", country: "NG" },
    customProperties: [{ id: "branch", description: "Issuing branch", type: "string", value: "Marina" }],
  };
}

/** As type-graphql hands it to the resolver: class instances all the way down. */
function build(change: (plain: Record<string, unknown>) => void = () => {}): BankCardInput {
  const plain = validPlain();
  change(plain);
  return plainToInstance(BankCardInput, plain);
}

const problemsOf = (input: BankCardInput) => validateInput(input, "input.bank");

function set(path: string, value: unknown) {
  return (plain: Record<string, unknown>) => {
    const keys = path.split(".");
    let target = plain as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys[keys.length - 1]] = value;
  };
}

describe("BankCardInput validation", () => {
  it("accepts a complete valid input", async () => {
    expect(await problemsOf(build())).toEqual([]);
  });

  it("accepts the minimal input: optional fields left out or null", async () => {
    const input = build((p) => {
      for (const key of ["connectionId", "productId", "type", "mode", "currency", "customProperties"]) delete p[key];
      p.address = null;
    });
    expect(await problemsOf(input)).toEqual([]);
  });

  it("accepts an expiry in the current month (valid through its last day)", async () => {
    expect(await problemsOf(build(set("expiry", { month: thisMonth, year: thisYear })))).toEqual([]);
  });

  it("accepts a lower-case country code", async () => {
    expect(await problemsOf(build(set("address.country", "ng")))).toEqual([]);
  });

  it("accepts exactly 255 characters and 20 custom properties", async () => {
    const input = build((p) => {
      p.holderName = "x".repeat(255);
      p.customProperties = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}` }));
    });
    expect(await problemsOf(input)).toEqual([]);
  });

  // [field path under input.bank, the one rule that must fail, a value that breaks only that rule]
  const cases: Array<[string, string, unknown]> = [
    ["connectionId", "isNotEmpty", ""],
    ["connectionId", "maxLength", long],
    ["customerId", "isNotEmpty", ""],
    ["customerId", "maxLength", long],
    ["status", "isEnum", "CANCELED"],
    ["status", "isEnum", undefined],
    ["holderName", "isLength", ""],
    ["holderName", "isLength", long],
    ["defaultPin", "matches", "123"],
    ["defaultPin", "matches", "12345"],
    ["defaultPin", "matches", "12a4"],
    ["defaultPin", "matches", undefined],
    ["expiry", "isDefined", undefined],
    ["expiry", "notExpired", lastMonth],
    ["expiry.month", "min", 0],
    ["expiry.month", "max", 13],
    ["expiry.month", "isInt", 1.5],
    ["expiry.year", "min", 999],
    ["expiry.year", "max", 10000],
    ["expiry.year", "isInt", thisYear + 1.5],
    ["productId", "isNotEmpty", ""],
    ["productId", "maxLength", long],
    ["type", "isEnum", "PLASTIC"],
    ["mode", "isEnum", "CASH"],
    ["currency", "isEnum", "USD"],
    ["address.street", "maxLength", long],
    ["address.city", "maxLength", long],
    ["address.state", "maxLength", long],
    ["address.country", "isISO31661Alpha2", "NGA"],
    ["address.country", "isISO31661Alpha2", "XX"],
    ["customProperties", "arrayMaxSize", Array.from({ length: 21 }, (_, i) => ({ id: `p${i}` }))],
    ["customProperties.0.id", "isNotEmpty", ""],
    ["customProperties.0.id", "maxLength", long],
    ["customProperties.0.description", "maxLength", long],
    ["customProperties.0.type", "maxLength", long],
    ["customProperties.0.value", "maxLength", long],
  ];

  it.each(cases)("%s fails only %s", async (path, rule, value) => {
    const field = `input.bank.${path}`;
    const problems = await problemsOf(build(set(path, value)));
    expect(problems.map((p) => [p.field, p.rule])).toEqual([[field, rule]]);
    expect(problems[0].message.startsWith(`${field} `)).toBe(true);
  });

  it("never echoes the PIN it rejects", async () => {
    const problems = await problemsOf(build(set("defaultPin", "98765")));
    expect(JSON.stringify(problems)).not.toContain("98765");
  });

  it("reports every broken field at once", async () => {
    const problems = await problemsOf(build((p) => Object.assign(p, { customerId: "", defaultPin: "1", currency: "USD" })));
    expect(problems.map((p) => p.field).sort()).toEqual(["input.bank.currency", "input.bank.customerId", "input.bank.defaultPin"]);
  });
});
