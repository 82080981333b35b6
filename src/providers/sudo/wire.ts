/** Sudo's JSON shapes (FACTS B.3-B.8). Response fields are all optional: we never trust Sudo to send them. */

export interface WireSpendingLimit {
  amount: number;
  interval: string;
  categories?: string[];
}

export interface WireSpendingControls {
  channels?: { atm?: boolean; pos?: boolean; web?: boolean; mobile?: boolean };
  allowedCategories?: string[];
  blockedCategories?: string[];
  spendingLimits?: WireSpendingLimit[];
}

/** The `POST /cards` body (sudo-create-card.txt, FACTS B.6). Absent fields are omitted, never sent as null. */
export interface WireCreateCardBody {
  customerId: string;
  type: string;
  currency: string;
  status: string;
  issuerCountry: string;
  sendPINSMS: boolean;
  metadata: Record<string, unknown>;
  brand?: string;
  number?: string;
  fundingSourceId?: string;
  debitAccountId?: string;
  amount?: number;
  expirationDate?: string;
  bankCode?: string;
  accountNumber?: string;
  replacementFor?: string;
  replacementReason?: string;
  spendingControls?: WireSpendingControls;
  enable2FA?: boolean;
  programId?: string;
}

/**
 * The `PUT /cards/{id}` body (FACTS E.2): `status` on every update; `metadata` is documented as a JSON string here,
 * so we send it as one; cancelling names a reason and the account that receives the balance.
 */
export interface WireUpdateCardBody {
  status: string;
  cancellationReason?: string;
  creditAccountId?: string;
  metadata?: string;
  spendingControls?: WireSpendingControls;
}

/** `customer` is populated on responses; inside webhooks it is an id string. */
export interface WireCustomer {
  _id?: string;
  name?: string;
  individual?: { firstName?: string; lastName?: string };
}

export interface WireAccount {
  _id?: string;
  accountNumber?: string;
}

/** A card as Sudo returns it (FACTS B.8); only the fields we read are named. */
export interface WireCard {
  _id: string;
  customer?: WireCustomer | string | null;
  account?: WireAccount | string | null;
  type?: string;
  brand?: string;
  currency?: string;
  maskedPan?: string;
  last4?: string;
  expiryMonth?: string;
  expiryYear?: string;
  status?: string;
  /** Read defensively (card-fields.ts): Sudo adds `_id`s inside and may leave parts out. */
  spendingControls?: Record<string, unknown> | null;
  /** Documented as a JSON string, sent as an object everywhere (FACTS B.6); we read both. */
  metadata?: Record<string, unknown> | string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** Success and failure share this envelope (FACTS B.3/B.4). */
export interface WireEnvelope<T = unknown> {
  statusCode?: number;
  message?: unknown;
  error?: string;
  data?: T;
  pagination?: { total?: number; pages?: number; page?: string | number; limit?: string | number };
}

/** One entry of a 400 `message` array, class-validator's shape (FACTS B.4). */
export interface WireValidationError {
  property?: string;
  children?: WireValidationError[];
  constraints?: Record<string, string>;
}
