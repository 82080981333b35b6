import { registerEnumType } from "type-graphql";

// GraphQL spellings of Sudo's create-card enums. The wire spellings (lower case, "MasterCard", …) live in
// contract.ts, so a change on Sudo's side is one line there and never a schema change.

export enum SudoCardType {
  PHYSICAL = "PHYSICAL",
  VIRTUAL = "VIRTUAL",
}

export enum SudoCardBrand {
  VERVE = "VERVE",
  MASTERCARD = "MASTERCARD",
  VISA = "VISA",
  AFRIGO = "AFRIGO",
}

export enum SudoCardCurrency {
  NGN = "NGN",
  USD = "USD",
}

/** The statuses a card may be created in; Sudo has `canceled` too, but only as an update. */
export enum SudoCardStatus {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
}

export enum SudoIssuerCountry {
  NGA = "NGA",
  USA = "USA",
}

export enum SudoReplacementReason {
  LOST = "LOST",
  STOLEN = "STOLEN",
}

registerEnumType(SudoCardType, { name: "SudoCardType", description: "Whether Sudo issues a plastic card or a virtual one." });
registerEnumType(SudoCardBrand, { name: "SudoCardBrand", description: "The card scheme Sudo issues on." });
registerEnumType(SudoCardCurrency, { name: "SudoCardCurrency", description: "The currency of a Sudo card." });
registerEnumType(SudoCardStatus, { name: "SudoCardStatus", description: "The status a Sudo card is created in." });
registerEnumType(SudoIssuerCountry, {
  name: "SudoIssuerCountry",
  description: "ISO 3166-1 alpha-3 country of the issuer: NGA (Nigeria) or USA (United States).",
});
registerEnumType(SudoReplacementReason, { name: "SudoReplacementReason", description: "Why a card is being replaced." });
