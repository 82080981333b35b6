import { SEED_ACCOUNTS, SEED_BUSINESS, SEED_CREATED_AT, SEED_CUSTOMERS, SEED_FUNDING_SOURCES, SEED_PROGRAMS } from "./seed";
import type { SeedCustomer, SeedFundingSource, SeedProgram } from "./seed";

export type CardType = "physical" | "virtual";
export type CardBrandName = "Verve" | "MasterCard" | "Visa" | "AfriGo";
export type CurrencyCode = "NGN" | "USD";
export type CardStatusName = "active" | "inactive" | "canceled";

export interface StoredAccount {
  _id: string;
  /** "account" for the business's settlement accounts, "wallet" for the one created with each card. */
  type: "account" | "wallet";
  currency: CurrencyCode;
  accountName: string;
  accountNumber: string;
  bankCode: string;
  balance: number;
  createdAt: string;
  updatedAt: string;
}

export interface StoredSpendingLimit {
  _id: string;
  amount: number;
  interval: string;
  categories: string[];
}

export interface StoredSpendingControls {
  _id: string;
  channels: { _id: string; atm: boolean; pos: boolean; web: boolean; mobile: boolean };
  allowedCategories: string[];
  blockedCategories: string[];
  spendingLimits: StoredSpendingLimit[];
}

/** A card as the sandbox keeps it, vault data included; `card-view.ts` decides what a response may show. */
export interface StoredCard {
  _id: string;
  customerId: string;
  accountId: string;
  fundingSourceId: string;
  programId: string | null;
  type: CardType;
  brand: CardBrandName;
  currency: CurrencyCode;
  issuerCountry: "NGA" | "USA";
  status: CardStatusName;
  cancellationReason: "lost" | "stolen" | null;
  replacementFor: string | null;
  /** What a physical request mapped (PAN for Verve/AfriGo, Card ID for Visa); drives the 409 on re-mapping. */
  mappedNumber: string | null;
  maskedPan: string;
  last4: string;
  expiryMonth: string;
  expiryYear: string;
  spendingControls: StoredSpendingControls;
  metadata: Record<string, unknown>;
  is2FAEnabled: boolean;
  sendPINSMS: boolean;
  /** Vault data: never part of a normal response. */
  pan: string;
  cvv2: string;
  pin: string;
  createdAt: string;
  updatedAt: string;
  __v: number;
}

/** In-memory state of one sandbox instance: seeded records plus everything requests created. */
export class SudoStore {
  readonly customers = new Map<string, SeedCustomer>(SEED_CUSTOMERS.map((c) => [c._id, c]));
  readonly fundingSources = new Map<string, SeedFundingSource>(SEED_FUNDING_SOURCES.map((f) => [f._id, f]));
  readonly programs = new Map<string, SeedProgram>(SEED_PROGRAMS.map((p) => [p._id, p]));
  readonly business = SEED_BUSINESS;
  accounts = new Map<string, StoredAccount>();
  /** Oldest first; listings reverse it. */
  cards: StoredCard[] = [];
  /** Called when a card changes in a way Sudo sends a webhook for (`card.terminated`). */
  notify: (type: string, card: StoredCard) => void = () => undefined;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.cards = [];
    this.accounts = new Map(
      SEED_ACCOUNTS.map((a) => [a._id, { ...a, type: "account" as const, createdAt: SEED_CREATED_AT, updatedAt: SEED_CREATED_AT }]),
    );
  }

  defaultFundingSource(): SeedFundingSource {
    const found = [...this.fundingSources.values()].find((f) => f.isDefault);
    if (!found) throw new Error("seed has no default funding source");
    return found;
  }

  card(id: string): StoredCard | undefined {
    return this.cards.find((c) => c._id === id);
  }

  cardMappedTo(number: string): StoredCard | undefined {
    return this.cards.find((c) => c.mappedNumber === number);
  }

  accountByNumber(bankCode: string, accountNumber: string): StoredAccount | undefined {
    return [...this.accounts.values()].find((a) => a.bankCode === bankCode && a.accountNumber === accountNumber);
  }

  setBalance(accountId: string, amount: number): void {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`Sudo sandbox has no account ${accountId}`);
    account.balance = amount;
    account.updatedAt = new Date().toISOString();
  }

  move(fromId: string, toId: string, amount: number, fee = 0): void {
    const from = this.accounts.get(fromId);
    const to = this.accounts.get(toId);
    if (!from || !to) throw new Error("unknown account in transfer");
    const now = new Date().toISOString();
    from.balance -= amount + fee;
    to.balance += amount;
    from.updatedAt = now;
    to.updatedAt = now;
  }
}
