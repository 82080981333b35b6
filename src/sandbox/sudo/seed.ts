/**
 * Fixed seed data for the Sudo sandbox. The ids never change between runs so tests, the README and local GraphQL
 * calls can name them directly:
 *
 *   business          64b0c0ffee0000000000b001  "Sandbox Business Ltd"
 *   customers         64b0c0ffee0000000000c001  Ada Obi
 *                     64b0c0ffee0000000000c002  Bola Adeyemi
 *                     64b0c0ffee0000000000c003  Chidi Okafor
 *   debit accounts    64b0c0ffee0000000000a001  NGN, balance 100,000,000
 *                     64b0c0ffee0000000000a002  USD, balance 1,000,000
 *                     64b0c0ffee0000000000a003  NGN, balance 0 (every funded or virtual card gets 402)
 *   funding sources   64b0c0ffee0000000000f001  default (used when a request names none)
 *                     64b0c0ffee0000000000f002  gateway (JIT)
 *   card program      64b0c0ffee0000000000e001  virtual Verve NGN, debits a001
 */

export const SEED_BUSINESS = { _id: "64b0c0ffee0000000000b001", name: "Sandbox Business Ltd" } as const;

export interface SeedCustomer {
  _id: string;
  name: string;
  firstName: string;
  lastName: string;
  emailAddress: string;
  phoneNumber: string;
}

export interface SeedAccount {
  _id: string;
  currency: "NGN" | "USD";
  balance: number;
  accountName: string;
  accountNumber: string;
  bankCode: string;
}

export interface SeedFundingSource {
  _id: string;
  type: "default" | "account" | "gateway";
  isDefault: boolean;
}

export interface SeedProgram {
  _id: string;
  name: string;
  type: "physical" | "virtual";
  brand: "Verve" | "MasterCard" | "Visa" | "AfriGo";
  currency: "NGN" | "USD";
  debitAccountId: string;
  fundingSourceId: string;
}

export const SEED_CUSTOMERS: readonly SeedCustomer[] = [
  customer("c001", "Ada", "Obi", "08030000001"),
  customer("c002", "Bola", "Adeyemi", "08030000002"),
  customer("c003", "Chidi", "Okafor", "08030000003"),
];

export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  account("a001", "NGN", 100_000_000, "Sandbox Settlement NGN", "0123456701"),
  account("a002", "USD", 1_000_000, "Sandbox Settlement USD", "0123456702"),
  account("a003", "NGN", 0, "Sandbox Empty NGN", "0123456703"),
];

export const SEED_FUNDING_SOURCES: readonly SeedFundingSource[] = [
  { _id: "64b0c0ffee0000000000f001", type: "default", isDefault: true },
  { _id: "64b0c0ffee0000000000f002", type: "gateway", isDefault: false },
];

export const SEED_PROGRAMS: readonly SeedProgram[] = [
  {
    _id: "64b0c0ffee0000000000e001",
    name: "Sandbox Verve Virtual",
    type: "virtual",
    brand: "Verve",
    currency: "NGN",
    debitAccountId: "64b0c0ffee0000000000a001",
    fundingSourceId: "64b0c0ffee0000000000f001",
  },
];

/** When seeded objects claim to have been created; fixed so responses are reproducible. */
export const SEED_CREATED_AT = "2024-07-14T09:00:00.000Z";

function customer(suffix: string, firstName: string, lastName: string, phoneNumber: string): SeedCustomer {
  return {
    _id: `64b0c0ffee0000000000${suffix}`,
    name: `${firstName} ${lastName}`,
    firstName,
    lastName,
    emailAddress: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
    phoneNumber,
  };
}

function account(suffix: string, currency: "NGN" | "USD", balance: number, accountName: string, accountNumber: string): SeedAccount {
  return { _id: `64b0c0ffee0000000000${suffix}`, currency, balance, accountName, accountNumber, bankCode: "090286" };
}
