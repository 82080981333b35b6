import { mintCardToken } from "../auth";
import { buildControls } from "../card-factory";
import { cardView } from "../card-view";
import { CardIdParams, CustomerIdParams } from "../dto/params.dto";
import { UpdateCardDto } from "../dto/update-card.dto";
import { validateDto } from "../dto/validate";
import { pageReply } from "../pagination";
import { fail, invalid, notFound, ok, type Reply } from "../replies";
import type { StoredCard, SudoStore } from "../store";
import type { RouteContext } from "./context";

/** `GET /cards`: every card of the business, newest first. */
export function listCards({ store, query }: RouteContext): Reply {
  return pageReply("Cards fetched successfully.", newestFirst(store.cards), query, (c) => cardView(c, store));
}

/**
 * `GET /cards/customer/:customerId`. An unknown customer simply has no cards: the route filters, it does not look
 * the customer up (FACTS is silent; an empty page is the safer answer for a reconciling caller).
 */
export function listCustomerCards({ store, params, query }: RouteContext): Reply {
  const checked = validateDto(CustomerIdParams, params);
  if (!checked.ok) return invalid(checked.errors);
  const cards = newestFirst(store.cards.filter((c) => c.customerId === params.customerId));
  return pageReply("Cards fetched successfully.", cards, query, (c) => cardView(c, store));
}

export function getCard({ store, params }: RouteContext): Reply {
  const checked = validateDto(CardIdParams, params);
  if (!checked.ok) return invalid(checked.errors);
  const card = store.card(params.id);
  return card ? ok("Card fetched successfully.", cardView(card, store)) : notFound("Card");
}

/** `GET /cards/:id/token` (FACTS B.5): a card token for Secure Proxy Show; a canceled card has none to show. */
export function getCardToken({ store, params, jwtSecret }: RouteContext): Reply {
  const checked = validateDto(CardIdParams, params);
  if (!checked.ok) return invalid(checked.errors);
  const card = store.card(params.id);
  if (!card) return notFound("Card");
  if (card.status === "canceled") return fail(400, "Card has been canceled.");
  return ok("Card token generated successfully.", { token: mintCardToken(jwtSecret, card._id) });
}

/** `PUT /cards/:id` (FACTS B.5). Cancelling is terminal and moves the wallet's balance to `creditAccountId`. */
export function updateCard({ store, params, body }: RouteContext): Reply {
  const checked = validateDto(CardIdParams, params);
  if (!checked.ok) return invalid(checked.errors);
  const parsed = validateDto(UpdateCardDto, body);
  if (!parsed.ok) return invalid(parsed.errors);
  const dto = parsed.dto;
  const card = store.card(params.id);
  if (!card) return notFound("Card");
  if (card.status === "canceled") return fail(400, "Card has been canceled and cannot be updated.");
  if (dto.fundingSourceId && !store.fundingSources.has(dto.fundingSourceId)) return notFound("Funding source");
  if (dto.creditAccountId && !store.accounts.has(dto.creditAccountId)) return notFound("Account");
  if (dto.status === "canceled" && dto.creditAccountId) refund(card, dto.creditAccountId, store);
  card.status = dto.status;
  card.cancellationReason = dto.status === "canceled" ? (dto.cancellationReason ?? null) : null;
  card.fundingSourceId = dto.fundingSourceId ?? card.fundingSourceId;
  card.metadata = dto.metadata ? (JSON.parse(dto.metadata) as Record<string, unknown>) : card.metadata;
  if (dto.spendingControls) card.spendingControls = buildControls(dto.spendingControls, card.currency, card.spendingControls);
  card.updatedAt = new Date().toISOString();
  card.__v += 1;
  if (card.status === "canceled") store.notify("card.terminated", card);
  return ok("Card updated successfully.", cardView(card, store));
}

/** Only the card's own wallet is emptied; a card mapped onto an existing account leaves that account alone. */
function refund(card: StoredCard, creditAccountId: string, store: SudoStore): void {
  const account = store.accounts.get(card.accountId);
  if (account?.type === "wallet" && account.balance > 0) store.move(account._id, creditAccountId, account.balance);
}

function newestFirst(cards: readonly StoredCard[]): StoredCard[] {
  return [...cards].reverse();
}
