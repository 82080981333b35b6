import { buildControls, expiryOf, generateCvv2, generatePan, generatePin, maskPan } from "../card-factory";
import { cardView } from "../card-view";
import { CreateCardDto } from "../dto/create-card.dto";
import { validateDto } from "../dto/validate";
import { objectId, randomDigits } from "../ids";
import { fail, invalid, notFound, ok, type Reply } from "../replies";
import type { SeedProgram } from "../seed";
import type { CardBrandName, CardType, CurrencyCode, StoredAccount, StoredCard, SudoStore } from "../store";
import type { RouteContext } from "./context";

/** Charged to the debit account for each virtual card, in that account's currency. FACTS is silent on amounts. */
export const ISSUANCE_FEES: Record<CurrencyCode, number> = { NGN: 50, USD: 1 };
/** Physical cards with no brand are taken to be Verve, the default Nigerian debit scheme. */
const DEFAULT_PHYSICAL_BRAND: CardBrandName = "Verve";
const WALLET_BANK_CODE = "090286";

/** Everything a valid request resolved to; only built once every lookup and check has passed. */
interface Issue {
  dto: CreateCardDto;
  type: CardType;
  brand: CardBrandName;
  currency: CurrencyCode;
  customerName: string;
  programId: string | null;
  fundingSourceId: string;
  debitAccount?: StoredAccount;
  mappedAccount?: StoredAccount;
  replaced?: StoredCard;
  amount: number;
  fee: number;
}

/** `POST /cards` (FACTS B.10). Deliberately not idempotent: sending the same body twice issues two cards. */
export function createCard({ store, body }: RouteContext): Reply {
  const first = validateDto(CreateCardDto, body);
  if (!first.ok) return invalid(first.errors);
  const customer = store.customers.get(first.dto.customerId);
  if (!customer) return notFound("Customer");
  const program = first.dto.programId ? store.programs.get(first.dto.programId) : undefined;
  if (first.dto.programId && !program) return notFound("Card program");
  // A program fills in what the request left out; the merged request must then pass the same rules.
  const merged = program ? validateDto(CreateCardDto, { ...programDefaults(program), ...body }) : first;
  if (!merged.ok) return invalid(merged.errors);
  const issue = resolve(merged.dto, customer.name, store);
  if ("status" in issue) return issue;
  const card = issueCard(issue, store);
  return ok("Card created successfully.", cardView(card, store));
}

function programDefaults(p: SeedProgram): Partial<CreateCardDto> {
  return { type: p.type, brand: p.brand, currency: p.currency, debitAccountId: p.debitAccountId, fundingSourceId: p.fundingSourceId };
}

function resolve(dto: CreateCardDto, customerName: string, store: SudoStore): Issue | Reply {
  const fundingSourceId = dto.fundingSourceId ?? store.defaultFundingSource()._id;
  if (!store.fundingSources.has(fundingSourceId)) return notFound("Funding source");
  const debitAccount = dto.debitAccountId ? store.accounts.get(dto.debitAccountId) : undefined;
  if (dto.debitAccountId && !debitAccount) return notFound("Account");
  const mappedAccount = dto.bankCode && dto.accountNumber ? store.accountByNumber(dto.bankCode, dto.accountNumber) : undefined;
  if (dto.bankCode && !mappedAccount) return notFound("Account");
  const replaced = dto.replacementFor ? store.card(dto.replacementFor) : undefined;
  if (dto.replacementFor && !replaced) return notFound("Card");
  // Validation guarantees these for a request without a program, and the merged re-validation for one with it.
  const type = dto.type as CardType;
  const currency = dto.currency as CurrencyCode;
  if (type === "physical" && dto.number && store.cardMappedTo(dto.number)) return fail(409, "Card already exists.");
  const amount = dto.amount ?? 0;
  const fee = type === "virtual" && debitAccount ? ISSUANCE_FEES[debitAccount.currency] : 0;
  if (debitAccount && debitAccount.balance < amount + fee) return fail(402, "Insufficient balance.");
  const brand = dto.brand ?? DEFAULT_PHYSICAL_BRAND;
  const programId = dto.programId ?? null;
  return { dto, type, brand, currency, customerName, programId, fundingSourceId, debitAccount, mappedAccount, replaced, amount, fee };
}

function issueCard(issue: Issue, store: SudoStore): StoredCard {
  const { dto, type, brand, currency } = issue;
  const now = new Date();
  const account = issue.mappedAccount ?? openWallet(store, currency, issue.customerName, now);
  if (issue.debitAccount) store.move(issue.debitAccount._id, account._id, issue.amount, issue.fee);
  if (issue.replaced) {
    retire(issue.replaced, dto.replacementReason ?? "lost", now);
    store.notify("card.terminated", issue.replaced);
  }
  // A physical Visa is mapped by Card ID, not PAN, so its PAN comes from the scheme like a virtual card's.
  const pan = type === "physical" && brand !== "Visa" && dto.number ? dto.number : generatePan(brand);
  const card: StoredCard = {
    _id: objectId(),
    customerId: dto.customerId,
    accountId: account._id,
    fundingSourceId: issue.fundingSourceId,
    programId: issue.programId,
    type,
    brand,
    currency,
    issuerCountry: dto.issuerCountry ?? "NGA",
    status: dto.status,
    cancellationReason: null,
    replacementFor: dto.replacementFor ?? null,
    mappedNumber: type === "physical" ? (dto.number ?? null) : null,
    maskedPan: maskPan(pan),
    last4: pan.slice(-4),
    ...expiryOf(dto.expirationDate, now),
    spendingControls: buildControls(dto.spendingControls, currency),
    metadata: dto.metadata ?? {},
    is2FAEnabled: dto.enable2FA ?? false,
    sendPINSMS: dto.sendPINSMS ?? false,
    pan,
    cvv2: generateCvv2(),
    pin: generatePin(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    __v: 0,
  };
  store.cards.push(card);
  return card;
}

/** Every card gets its own wallet account (FACTS B.8), funded from the debit account. */
function openWallet(store: SudoStore, currency: CurrencyCode, accountName: string, now: Date): StoredAccount {
  const at = now.toISOString();
  const wallet: StoredAccount = {
    _id: objectId(),
    type: "wallet",
    currency,
    accountName,
    accountNumber: randomDigits(10),
    bankCode: WALLET_BANK_CODE,
    balance: 0,
    createdAt: at,
    updatedAt: at,
  };
  store.accounts.set(wallet._id, wallet);
  return wallet;
}

/** A replaced card stops working; the sandbox cancels it with the replacement's reason. */
function retire(card: StoredCard, reason: "lost" | "stolen", now: Date): void {
  card.status = "canceled";
  card.cancellationReason = reason;
  card.updatedAt = now.toISOString();
  card.__v += 1;
}
