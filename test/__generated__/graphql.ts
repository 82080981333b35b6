/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Currencies the bank issues cards in. */
export type BankCardCurrency =
  | 'NGN';

/** A card issued through the bank-connectivity API for a customer who gave consent. */
export type BankCardInput = {
  /** The address the bank records for the card. */
  address?: CardAddressInput | null | undefined;
  /** The bank connection to issue through. Defaults to the configured default connection. */
  connectionId?: string | number | null | undefined;
  /** The card's currency; the bank's default when omitted. */
  currency?: BankCardCurrency | null | undefined;
  /** Bank-defined key/values, at most 20. */
  customProperties?: Array<CustomPropertyInput> | null | undefined;
  /** The customer who owns the card and whose consent authorises the request. */
  customerId: string | number;
  /** The card's initial PIN: exactly four digits. Sent encrypted, never stored. */
  defaultPin: string;
  /** When the card expires; must not be in the past. */
  expiry: CardExpiryInput;
  /** The name printed on the card, 1 to 255 characters. */
  holderName: string;
  /** How the card is funded; the bank's default when omitted. */
  mode?: CardMode | null | undefined;
  /** The bank's card product to issue. */
  productId?: string | null | undefined;
  /** The status the card is created in. */
  status: BankCardStatus;
  /** Virtual or physical; the bank's default when omitted. */
  type?: CardType | null | undefined;
};

/** The status a bank card is created in. */
export type BankCardStatus =
  | 'ACTIVE'
  | 'BLOCKED'
  | 'INACTIVE'
  | 'LOST'
  | 'STOLEN';

/** Why the card is canceled. */
export type CancellationReason =
  | 'LOST'
  | 'STOLEN';

/** The address the bank records for the card. Every part is optional. */
export type CardAddressInput = {
  /** City or town. */
  city?: string | null | undefined;
  /** ISO 3166-1 alpha-2 country code, e.g. NG. */
  country?: string | null | undefined;
  /** State or region. */
  state?: string | null | undefined;
  /** Street and number. */
  street?: string | null | undefined;
};

/** The card scheme. OTHER when the provider names one we do not know. */
export type CardBrand =
  | 'AFRIGO'
  | 'MASTERCARD'
  | 'OTHER'
  | 'VERVE'
  | 'VISA';

/** An after-issuance operation the card's provider supports; the others answer UNSUPPORTED_BY_PROVIDER. */
export type CardCapability =
  | 'CANCEL'
  | 'FREEZE'
  | 'REFRESH'
  | 'REVEAL'
  | 'UNFREEZE'
  | 'UPDATE_CONTROLS';

/** What happened to a card. */
export type CardEventKind =
  | 'CANCELED'
  | 'CONTROLS_CHANGED'
  | 'FROZEN'
  | 'ISSUED'
  | 'PROVIDER_EVENT'
  | 'REFRESHED'
  | 'REVEAL_TOKEN_ISSUED'
  | 'UNFROZEN';

/** Expiry month and four-digit year; the card is valid through the end of that month. */
export type CardExpiryInput = {
  /** Month, 1 (January) to 12 (December). */
  month: number;
  /** Four-digit year, e.g. 2029. */
  year: number;
};

/** How the card is funded. */
export type CardMode =
  | 'CREDIT'
  | 'DEBIT'
  | 'OTHER'
  | 'PREPAID';

/** The provider that issued the card. */
export type CardProvider =
  | 'BANK'
  | 'SUDO';

/** The card's lifecycle state as the provider reports it. */
export type CardStatus =
  | 'ACTIVE'
  | 'BLOCKED'
  | 'CANCELED'
  | 'INACTIVE'
  | 'LOST'
  | 'STOLEN';

/** The form factor of a card. */
export type CardType =
  | 'OTHER'
  | 'PHYSICAL'
  | 'VIRTUAL';

/** Exactly one provider input must be given (@oneOf). */
export type CreateCardInput =
  {   /** Issue through the bank-connectivity API (Open Banking Nigeria) for a customer who gave consent. */
  bank: BankCardInput; sudo?: never; }
  |  { bank?: never;   /** Issue the card through Sudo Africa: physical (mapped by PAN or Card ID) or virtual Verve, MasterCard, Visa or AfriGo cards. */
  sudo: SudoCardInput; };

/** A bank-defined key/value attached to the card. */
export type CustomPropertyInput = {
  /** What the property means; may span lines. */
  description?: string | null | undefined;
  /** The property's identifier, as the bank defines it. */
  id: string;
  /** The value's type, e.g. string. */
  type?: string | null | undefined;
  /** The value, as text; may span lines. */
  value?: string | null | undefined;
};

/** Channels the card may be used on (FACTS B.7): true allows the channel, false blocks it. */
export type SpendingChannelsInput = {
  /** Cash withdrawals at ATMs. Sudo's default applies when omitted. */
  atm?: boolean | null | undefined;
  /** Payments from mobile wallets. Sudo's default applies when omitted. */
  mobile?: boolean | null | undefined;
  /** Payments at point-of-sale terminals. Sudo's default applies when omitted. */
  pos?: boolean | null | undefined;
  /** Online (card-not-present) payments. Sudo's default applies when omitted. */
  web?: boolean | null | undefined;
};

/** Spending controls Sudo applies before authorizing a payment. Sudo's defaults apply when omitted. */
export type SpendingControlsInput = {
  /** Only these 4-digit merchant category codes are allowed, at most 100. Not together with blockedCategories. */
  allowedCategories?: Array<string> | null | undefined;
  /** These 4-digit merchant category codes are declined, at most 100. Not together with allowedCategories. */
  blockedCategories?: Array<string> | null | undefined;
  /** Channels the card may be used on. */
  channels?: SpendingChannelsInput | null | undefined;
  /** Spending caps, at most 20. Sudo's default caps apply when omitted. */
  spendingLimits?: Array<SpendingLimitInput> | null | undefined;
};

/** A cap on spending over an interval, optionally for some merchant categories only. */
export type SpendingLimitInput = {
  /** The cap in the card currency's major units; 0 or more. */
  amount: number;
  /** 4-digit merchant category codes the cap applies to, at most 100; empty or omitted means all. */
  categories?: Array<string> | null | undefined;
  /** The window the cap applies to. */
  interval: SpendingLimitInterval;
};

/** The window a spending limit applies to. */
export type SpendingLimitInterval =
  | 'ALL_TIME'
  | 'DAILY'
  | 'MONTHLY'
  | 'PER_AUTHORIZATION'
  | 'WEEKLY'
  | 'YEARLY';

/** The card scheme Sudo issues on. */
export type SudoCardBrand =
  | 'AFRIGO'
  | 'MASTERCARD'
  | 'VERVE'
  | 'VISA';

/** The currency of a Sudo card. */
export type SudoCardCurrency =
  | 'NGN'
  | 'USD';

/** A card issued through Sudo Africa. Every field of Sudo's create-card request, in GraphQL style. */
export type SudoCardInput = {
  /** The 10-digit NUBAN of an existing account to map the card to; with bankCode. */
  accountNumber?: string | null | undefined;
  /** Whole amount to fund the card with at issue, 0 or more. Required (at least 1) for MASTERCARD. */
  amount?: number | null | undefined;
  /** Bank code of an existing account to map the card to; with accountNumber. */
  bankCode?: string | null | undefined;
  /** The card scheme. Required for virtual cards unless programId is given. */
  brand?: SudoCardBrand | null | undefined;
  /** The card currency. VERVE and AFRIGO cards are NGN only. Sudo's default: NGN. */
  currency?: SudoCardCurrency;
  /** The Sudo customer's _id (24 hexadecimal characters); also the platform customer. */
  customerId: string | number;
  /** The settlement account _id charged at issue. Required for virtual cards unless programId is given. */
  debitAccountId?: string | number | null | undefined;
  /** Require a one-time password for web and mobile payments. */
  enable2FA?: boolean | null | undefined;
  /** VISA only: the expiry month as MMM-YYYY (e.g. AUG-2027), from this month to 36 months ahead. */
  expirationDate?: string | null | undefined;
  /** The funding source _id. Sudo uses the business's default funding source when omitted. */
  fundingSourceId?: string | number | null | undefined;
  /** The issuer's country. Sudo's default: NGA. */
  issuerCountry?: SudoIssuerCountry;
  /** Flat key/value data stored with the card: at most 50 keys of up to 40 characters, scalar values, 4096 bytes as JSON. The key cardsSubgraphCardId is reserved, and so are __proto__, constructor and prototype. String values may span lines; keys may not. */
  metadata?: Record<string, unknown> | null | undefined;
  /** Required for physical cards: the 16 to 19 digit PAN printed on the card, or the Card ID for VISA. */
  number?: string | null | undefined;
  /** A card program _id; the program supplies brand, funding, debit account and controls. */
  programId?: string | number | null | undefined;
  /** The _id of the card this one replaces; with replacementReason. */
  replacementFor?: string | number | null | undefined;
  /** Why the card in replacementFor is replaced; with replacementFor. */
  replacementReason?: SudoReplacementReason | null | undefined;
  /** Text the default PIN to the customer's phone. Sudo's default: false. */
  sendPinSms?: boolean;
  /** Channels, merchant categories and caps. Sudo's defaults apply when omitted. */
  spendingControls?: SpendingControlsInput | null | undefined;
  /** The status the card is created in. Sudo's default: ACTIVE. */
  status?: SudoCardStatus;
  /** Physical or virtual. Sudo's default: PHYSICAL. */
  type?: SudoCardType;
};

/** The status a Sudo card is created in. */
export type SudoCardStatus =
  | 'ACTIVE'
  | 'INACTIVE';

/** Whether Sudo issues a plastic card or a virtual one. */
export type SudoCardType =
  | 'PHYSICAL'
  | 'VIRTUAL';

/** ISO 3166-1 alpha-3 country of the issuer: NGA (Nigeria) or USA (United States). */
export type SudoIssuerCountry =
  | 'NGA'
  | 'USA';

/** Why a card is being replaced. */
export type SudoReplacementReason =
  | 'LOST'
  | 'STOLEN';

export type CardFieldsFragment = { id: string, provider: CardProvider, providerCardId: string, type: CardType, brand: CardBrand | null, status: CardStatus, mode: CardMode | null, currency: string, holderName: string | null, last4: string | null, maskedPan: string | null, maskedAccountNumber: string | null, productId: string | null, metadata: Record<string, unknown> | null, createdAt: string, customer: { id: string }, expiry: { month: number, year: number } | null, address: { street: string | null, city: string | null, state: string | null, country: string | null } | null, spendingControls: { allowedCategories: Array<string>, blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval, categories: Array<string> }> } | null, customProperties: Array<{ id: string, description: string | null, type: string | null, value: string | null }> | null };

export type CardQueryVariables = Exact<{
  id: string | number;
}>;


export type CardQuery = { card: { id: string, provider: CardProvider, providerCardId: string, type: CardType, brand: CardBrand | null, status: CardStatus, mode: CardMode | null, currency: string, holderName: string | null, last4: string | null, maskedPan: string | null, maskedAccountNumber: string | null, productId: string | null, metadata: Record<string, unknown> | null, createdAt: string, customer: { id: string }, expiry: { month: number, year: number } | null, address: { street: string | null, city: string | null, state: string | null, country: string | null } | null, spendingControls: { allowedCategories: Array<string>, blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval, categories: Array<string> }> } | null, customProperties: Array<{ id: string, description: string | null, type: string | null, value: string | null }> | null } | null };

export type CreateCardMutationVariables = Exact<{
  idempotencyKey: string;
  input: CreateCardInput;
}>;


export type CreateCardMutation = { createCard: { id: string, provider: CardProvider, providerCardId: string, type: CardType, brand: CardBrand | null, status: CardStatus, mode: CardMode | null, currency: string, holderName: string | null, last4: string | null, maskedPan: string | null, maskedAccountNumber: string | null, productId: string | null, metadata: Record<string, unknown> | null, createdAt: string, customer: { id: string }, expiry: { month: number, year: number } | null, address: { street: string | null, city: string | null, state: string | null, country: string | null } | null, spendingControls: { allowedCategories: Array<string>, blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval, categories: Array<string> }> } | null, customProperties: Array<{ id: string, description: string | null, type: string | null, value: string | null }> | null } };

export type CustomerCardsQueryVariables = Exact<{
  customerId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CustomerCardsQuery = { cards: { edges: Array<{ cursor: string, node: { id: string, last4: string | null, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type LifecycleCardFragment = { id: string, provider: CardProvider, status: CardStatus, capabilities: Array<CardCapability>, metadata: Record<string, unknown> | null, spendingControls: { blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval }> } | null };

export type FreezeCardMutationVariables = Exact<{
  id: string | number;
}>;


export type FreezeCardMutation = { freezeCard: { id: string, provider: CardProvider, status: CardStatus, capabilities: Array<CardCapability>, metadata: Record<string, unknown> | null, spendingControls: { blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval }> } | null } };

export type UnfreezeCardMutationVariables = Exact<{
  id: string | number;
}>;


export type UnfreezeCardMutation = { unfreezeCard: { id: string, provider: CardProvider, status: CardStatus, capabilities: Array<CardCapability>, metadata: Record<string, unknown> | null, spendingControls: { blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval }> } | null } };

export type CancelCardMutationVariables = Exact<{
  idempotencyKey: string;
  id: string | number;
  reason: CancellationReason;
  creditAccountId?: string | number | null | undefined;
}>;


export type CancelCardMutation = { cancelCard: { id: string, provider: CardProvider, status: CardStatus, capabilities: Array<CardCapability>, metadata: Record<string, unknown> | null, spendingControls: { blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval }> } | null } };

export type UpdateCardControlsMutationVariables = Exact<{
  idempotencyKey: string;
  id: string | number;
  spendingControls?: SpendingControlsInput | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
}>;


export type UpdateCardControlsMutation = { updateCardControls: { id: string, provider: CardProvider, status: CardStatus, capabilities: Array<CardCapability>, metadata: Record<string, unknown> | null, spendingControls: { blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval }> } | null } };

export type RefreshCardMutationVariables = Exact<{
  id: string | number;
}>;


export type RefreshCardMutation = { refreshCard: { id: string, provider: CardProvider, status: CardStatus, capabilities: Array<CardCapability>, metadata: Record<string, unknown> | null, spendingControls: { blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval }> } | null } };

export type CardRevealTokenQueryVariables = Exact<{
  id: string | number;
}>;


export type CardRevealTokenQuery = { cardRevealToken: { token: string, expiresAt: string, vaultId: string, cardId: string, providerCardId: string } };

export type CardEventsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CardEventsQuery = { card: { id: string, provider: CardProvider, status: CardStatus, capabilities: Array<CardCapability>, metadata: Record<string, unknown> | null, events: { edges: Array<{ cursor: string, node: { id: string, at: string, actor: string, kind: CardEventKind, statusBefore: CardStatus | null, statusAfter: CardStatus | null, detail: Record<string, unknown> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, spendingControls: { blockedCategories: Array<string>, channels: { atm: boolean, pos: boolean, web: boolean, mobile: boolean } | null, spendingLimits: Array<{ amount: number, interval: SpendingLimitInterval }> } | null } | null };

export const CardFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerCardId"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"holderName"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPan"}},{"kind":"Field","name":{"kind":"Name","value":"expiry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maskedAccountNumber"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"allowedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"categories"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"customProperties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<CardFieldsFragment, unknown>;
export const LifecycleCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]} as unknown as DocumentNode<LifecycleCardFragment, unknown>;
export const CardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Card"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CardFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerCardId"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"holderName"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPan"}},{"kind":"Field","name":{"kind":"Name","value":"expiry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maskedAccountNumber"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"allowedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"categories"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"customProperties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<CardQuery, CardQueryVariables>;
export const CreateCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CardFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CardFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerCardId"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"holderName"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"maskedPan"}},{"kind":"Field","name":{"kind":"Name","value":"expiry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"year"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maskedAccountNumber"}},{"kind":"Field","name":{"kind":"Name","value":"productId"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"allowedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}},{"kind":"Field","name":{"kind":"Name","value":"categories"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"customProperties"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<CreateCardMutation, CreateCardMutationVariables>;
export const CustomerCardsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerCards"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cards"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerCardsQuery, CustomerCardsQueryVariables>;
export const FreezeCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FreezeCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"freezeCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleCard"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]} as unknown as DocumentNode<FreezeCardMutation, FreezeCardMutationVariables>;
export const UnfreezeCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnfreezeCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unfreezeCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleCard"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]} as unknown as DocumentNode<UnfreezeCardMutation, UnfreezeCardMutationVariables>;
export const CancelCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancellationReason"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"creditAccountId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"creditAccountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"creditAccountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleCard"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]} as unknown as DocumentNode<CancelCardMutation, CancelCardMutationVariables>;
export const UpdateCardControlsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCardControls"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"spendingControls"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SpendingControlsInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metadata"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSONObject"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCardControls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"spendingControls"},"value":{"kind":"Variable","name":{"kind":"Name","value":"spendingControls"}}},{"kind":"Argument","name":{"kind":"Name","value":"metadata"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metadata"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleCard"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]} as unknown as DocumentNode<UpdateCardControlsMutation, UpdateCardControlsMutationVariables>;
export const RefreshCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleCard"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]} as unknown as DocumentNode<RefreshCardMutation, RefreshCardMutationVariables>;
export const CardRevealTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CardRevealToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardRevealToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"vaultId"}},{"kind":"Field","name":{"kind":"Name","value":"cardId"}},{"kind":"Field","name":{"kind":"Name","value":"providerCardId"}}]}}]}}]} as unknown as DocumentNode<CardRevealTokenQuery, CardRevealTokenQueryVariables>;
export const CardEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CardEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"card"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LifecycleCard"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"statusBefore"}},{"kind":"Field","name":{"kind":"Name","value":"statusAfter"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LifecycleCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Card"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"spendingControls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"atm"}},{"kind":"Field","name":{"kind":"Name","value":"pos"}},{"kind":"Field","name":{"kind":"Name","value":"web"}},{"kind":"Field","name":{"kind":"Name","value":"mobile"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blockedCategories"}},{"kind":"Field","name":{"kind":"Name","value":"spendingLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"interval"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}}]}}]} as unknown as DocumentNode<CardEventsQuery, CardEventsQueryVariables>;