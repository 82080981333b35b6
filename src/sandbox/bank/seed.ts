/**
 * Fixed data the bank sandbox starts with. The README lists these, so keep ids, names and account numbers stable:
 *
 * | customer id  | name           | account number |
 * |--------------|----------------|----------------|
 * | cus_ada      | Ada Okafor     | 2034567891     |
 * | cus_bayo     | Bayo Adeyemi   | 2045678912     |
 * | cus_chioma   | Chioma Eze     | 2056789123     |
 *
 * On the consent page a person signs in as one of them (the bank decides who the customer is) and approves or denies.
 */
export interface BankSandboxCustomer {
  id: string;
  name: string;
  accountNumber: string;
}

export const SEED_CUSTOMERS: readonly Readonly<BankSandboxCustomer>[] = Object.freeze(
  [
    { id: "cus_ada", name: "Ada Okafor", accountNumber: "2034567891" },
    { id: "cus_bayo", name: "Bayo Adeyemi", accountNumber: "2045678912" },
    { id: "cus_chioma", name: "Chioma Eze", accountNumber: "2056789123" },
  ].map((c) => Object.freeze(c)),
);

export type CardScheme = "VISA" | "MASTERCARD" | "VERVE";

/**
 * `card_scheme` is not a request field on the create-card page: the bank derives it from the product. These three
 * products are the sandbox's catalogue; a request without `product_id` gets the default (Verve, the local scheme).
 */
export const PRODUCTS: Readonly<Record<string, CardScheme>> = Object.freeze({ "1": "VISA", "2": "MASTERCARD", "3": "VERVE" });

export const DEFAULT_PRODUCT_ID = "3";

export const DEFAULT_CONNECTION_IDS: readonly string[] = Object.freeze(["CONN0987654321", "CONN1234567890"]);
