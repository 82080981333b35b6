import { registerEnumType } from "type-graphql";

/** The statuses the bank accepts at creation (create-card page); CANCELED is not one of them. */
export enum BankCardStatus {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
  BLOCKED = "BLOCKED",
  LOST = "LOST",
  STOLEN = "STOLEN",
}

/** The create-card page lists NGN as the only currency. */
export enum BankCardCurrency {
  NGN = "NGN",
}

registerEnumType(BankCardStatus, { name: "BankCardStatus", description: "The status a bank card is created in." });
registerEnumType(BankCardCurrency, { name: "BankCardCurrency", description: "Currencies the bank issues cards in." });
