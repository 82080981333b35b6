import type { BankCardInput, SudoCardInput } from "../__generated__/graphql";

/** Valid provider inputs against the sandboxes' seed data; tests override single fields. */
export function bankInput(overrides: Partial<BankCardInput> = {}): BankCardInput {
  return {
    customerId: "cus_ada",
    status: "ACTIVE",
    holderName: "Ada Okafor",
    defaultPin: "4821",
    expiry: { month: 12, year: new Date().getUTCFullYear() + 3 },
    type: "VIRTUAL",
    mode: "DEBIT",
    currency: "NGN",
    productId: "1",
    address: { street: "12 Marina", city: "Lagos", state: "LA", country: "NG" },
    customProperties: [{ id: "ref", description: "our reference", type: "string", value: "A-1" }],
    ...overrides,
  };
}

export const SUDO_CUSTOMER = "64b0c0ffee0000000000c001";
export const SUDO_NGN_ACCOUNT = "64b0c0ffee0000000000a001";
export const SUDO_EMPTY_ACCOUNT = "64b0c0ffee0000000000a003";

export function sudoInput(overrides: Partial<SudoCardInput> = {}): SudoCardInput {
  return {
    customerId: SUDO_CUSTOMER,
    type: "VIRTUAL",
    brand: "VERVE",
    currency: "NGN",
    debitAccountId: SUDO_NGN_ACCOUNT,
    metadata: { orderRef: "A-1001" },
    spendingControls: {
      channels: { atm: false, pos: true, web: true, mobile: true },
      blockedCategories: ["7995"],
      spendingLimits: [{ amount: 50000, interval: "DAILY" }],
    },
    ...overrides,
  };
}
