import { SEED_CREATED_AT } from "./seed";
import type { StoredAccount, StoredCard, SudoStore } from "./store";

// The response shapes of FACTS B.8. Every card response goes through `cardView`, which copies named fields only,
// so vault data (pan, cvv2, pin) and internal bookkeeping can never leak by accident.

export function cardView(card: StoredCard, store: SudoStore): Record<string, unknown> {
  return {
    _id: card._id,
    business: store.business._id,
    customer: customerView(card.customerId, store),
    account: accountView(store.accounts.get(card.accountId), store),
    fundingSource: fundingSourceView(card.fundingSourceId, store),
    type: card.type,
    brand: card.brand,
    currency: card.currency,
    maskedPan: card.maskedPan,
    last4: card.last4,
    expiryMonth: card.expiryMonth,
    expiryYear: card.expiryYear,
    status: card.status,
    spendingControls: card.spendingControls,
    metadata: card.metadata,
    program: card.programId,
    replacementFor: card.replacementFor,
    cancellationReason: card.cancellationReason,
    is2FAEnabled: card.is2FAEnabled,
    is2FAEnrolled: false,
    isDefaultPINChanged: false,
    disposable: false,
    refundAccount: null,
    isDigitalized: false,
    isDeleted: false,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    __v: card.__v,
  };
}

/**
 * A card inside a webhook (FACTS B.8): `customer`, `account` and `fundingSource` are ids, and `last4` and `balance`
 * are added. Vault data never.
 */
export function webhookCardView(card: StoredCard, store: SudoStore): Record<string, unknown> {
  const view = cardView(card, store);
  return { ...view, customer: card.customerId, account: card.accountId, fundingSource: card.fundingSourceId, balance: store.accounts.get(card.accountId)?.balance ?? 0 };
}

function customerView(id: string, store: SudoStore): Record<string, unknown> | string {
  const c = store.customers.get(id);
  if (!c) return id;
  return {
    _id: c._id,
    business: store.business._id,
    type: "individual",
    name: c.name,
    phoneNumber: c.phoneNumber,
    emailAddress: c.emailAddress,
    status: "active",
    individual: { firstName: c.firstName, lastName: c.lastName },
    isDeleted: false,
    createdAt: SEED_CREATED_AT,
    updatedAt: SEED_CREATED_AT,
    __v: 0,
  };
}

function accountView(a: StoredAccount | undefined, store: SudoStore): Record<string, unknown> | null {
  if (!a) return null;
  return {
    _id: a._id,
    business: store.business._id,
    type: a.type,
    currency: a.currency,
    accountName: a.accountName,
    bankCode: a.bankCode,
    accountNumber: a.accountNumber,
    currentBalance: a.balance,
    availableBalance: a.balance,
    provider: "Sandbox",
    isDefault: false,
    isDeleted: false,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    __v: 0,
  };
}

function fundingSourceView(id: string, store: SudoStore): Record<string, unknown> | string {
  const f = store.fundingSources.get(id);
  if (!f) return id;
  return {
    _id: f._id,
    business: store.business._id,
    type: f.type,
    status: "active",
    jitGateway: null,
    isDefault: f.isDefault,
    isDeleted: false,
    createdAt: SEED_CREATED_AT,
    updatedAt: SEED_CREATED_AT,
    __v: 0,
  };
}
