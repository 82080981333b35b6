import { registerEnumType } from "type-graphql";

// String enums whose values equal their names: @apollo/subgraph rebuilds the schema from SDL, and enums whose
// runtime values differ from their names break input defaults there.

export enum CardType {
  VIRTUAL = "VIRTUAL",
  PHYSICAL = "PHYSICAL",
  OTHER = "OTHER",
}

export enum CardBrand {
  VISA = "VISA",
  MASTERCARD = "MASTERCARD",
  VERVE = "VERVE",
  AFRIGO = "AFRIGO",
  OTHER = "OTHER",
}

export enum CardStatus {
  ACTIVE = "ACTIVE",
  INACTIVE = "INACTIVE",
  BLOCKED = "BLOCKED",
  LOST = "LOST",
  STOLEN = "STOLEN",
  CANCELED = "CANCELED",
}

export enum CardMode {
  DEBIT = "DEBIT",
  CREDIT = "CREDIT",
  PREPAID = "PREPAID",
  OTHER = "OTHER",
}

export enum SpendingLimitInterval {
  PER_AUTHORIZATION = "PER_AUTHORIZATION",
  DAILY = "DAILY",
  WEEKLY = "WEEKLY",
  MONTHLY = "MONTHLY",
  YEARLY = "YEARLY",
  ALL_TIME = "ALL_TIME",
}

registerEnumType(CardType, { name: "CardType", description: "The form factor of a card." });
registerEnumType(CardBrand, { name: "CardBrand", description: "The card scheme. OTHER when the provider names one we do not know." });
registerEnumType(CardStatus, { name: "CardStatus", description: "The card's lifecycle state as the provider reports it." });
registerEnumType(CardMode, { name: "CardMode", description: "How the card is funded." });
registerEnumType(SpendingLimitInterval, {
  name: "SpendingLimitInterval",
  description: "The window a spending limit applies to.",
});
