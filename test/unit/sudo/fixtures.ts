import { plainToInstance } from "class-transformer";
import { validateInput } from "../../../src/cards/validation";
import { expirationDateIn } from "../../../src/providers/sudo/expiration.rule";
import { SudoCardInput } from "../../../src/providers/sudo/sudo.input";

// Valid inputs of each card kind, as type-graphql would hand them over (defaults applied, nested inputs as class
// instances). Tests start from one of these and break exactly one thing.

export const IDS = {
  customer: "64b0c0ffee0000000000c001",
  ngnAccount: "64b0c0ffee0000000000a001",
  usdAccount: "64b0c0ffee0000000000a002",
  fundingSource: "64b0c0ffee0000000000f001",
  program: "64b0c0ffee0000000000e001",
  oldCard: "64b0c0ffee00000000000d01",
} as const;

/** A Luhn-valid test PAN on a Verve-range BIN. */
export const VERVE_PAN = "5061027384950612741";

const defaults = { currency: "NGN", status: "ACTIVE", issuerCountry: "NGA", sendPinSms: false };

export const VALID = {
  physicalVerve: () => ({ ...defaults, customerId: IDS.customer, type: "PHYSICAL", brand: "VERVE", number: VERVE_PAN }),
  physicalNoBrand: () => ({ ...defaults, customerId: IDS.customer, type: "PHYSICAL", number: VERVE_PAN }),
  physicalVisa: () => ({ ...defaults, customerId: IDS.customer, type: "PHYSICAL", brand: "VISA", currency: "USD", number: "VCID-000123" }),
  virtualVerve: () => ({ ...defaults, customerId: IDS.customer, type: "VIRTUAL", brand: "VERVE", debitAccountId: IDS.ngnAccount }),
  virtualAfrigo: () => ({ ...defaults, customerId: IDS.customer, type: "VIRTUAL", brand: "AFRIGO", debitAccountId: IDS.ngnAccount }),
  virtualMastercard: () => ({
    ...defaults,
    customerId: IDS.customer,
    type: "VIRTUAL",
    brand: "MASTERCARD",
    currency: "USD",
    issuerCountry: "USA",
    debitAccountId: IDS.usdAccount,
    amount: 5,
  }),
  virtualVisa: () => ({
    ...defaults,
    customerId: IDS.customer,
    type: "VIRTUAL",
    brand: "VISA",
    currency: "USD",
    debitAccountId: IDS.usdAccount,
    expirationDate: expirationDateIn(24),
  }),
  program: () => ({ ...defaults, customerId: IDS.customer, type: "VIRTUAL", programId: IDS.program }),
} satisfies Record<string, () => Record<string, unknown>>;

export type Kind = keyof typeof VALID;

export function input(plain: Record<string, unknown>): SudoCardInput {
  return plainToInstance(SudoCardInput, plain);
}

/** `[field, rule]` pairs of every problem, in a stable order. */
export async function problemsOf(plain: Record<string, unknown>): Promise<string[][]> {
  const problems = await validateInput(input(plain), "input.sudo");
  return problems.map((p) => [p.field, p.rule]).sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));
}
