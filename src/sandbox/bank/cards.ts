import { BANK_CONTRACT } from "../../providers/bank/contract";
import type { Fault } from "../faults";
import { buildCard } from "./card-factory";
import type { Exchange } from "./exchange";
import { admit } from "./guard";
import { bodyHash, type StoredResponse } from "./idempotency";
import { PRODUCTS } from "./seed";
import type { SandboxState } from "./state";
import { parseJsonObject, validateCardRequest, type FieldError } from "./validate";

const DEFAULT_FAILURE_ENVELOPE = { status: "96", message: "System malfunction", data: null };

/** The "failure-envelope" fault: HTTP 200 whose body says the operation failed (FACTS A.9: success needs status "00"). */
export function failureEnvelope(fault: Fault): StoredResponse {
  return { status: 200, text: JSON.stringify(fault.body ?? DEFAULT_FAILURE_ENVELOPE) };
}

function validationFailed(errors: FieldError[]) {
  return { status: "error", message: "Validation failed", errors };
}

/**
 * `POST /cards`: header checks, then body validation, then idempotency (FACTS A.10, A.13), then the card. A
 * "failure-envelope" fault stands for the bank failing after it started executing, so, like any executed outcome,
 * it is stored under the key and replayed.
 */
export async function createCard(ex: Exchange, state: SandboxState): Promise<void> {
  const who = await admit(ex, state);
  if (!who) return;
  const parsed = parseJsonObject(ex.body);
  if (!parsed.ok) return ex.send(400, validationFailed([parsed.error]));
  const { clientSecret, pinScheme } = state.config;
  const valid = validateCardRequest(parsed.value, { clientSecret, pinScheme, now: new Date() });
  if (!valid.ok) return ex.send(400, validationFailed(valid.errors));

  const claim = state.idempotency.claim(who.clientId, who.idempotencyKey, bodyHash(parsed.value));
  if (claim.kind === "replay") return ex.sendText(claim.response.status, claim.response.text);
  if (claim.kind === "different-body") return ex.send(409, { status: "94", message: "Duplicate transaction" });
  if (claim.kind === "in-progress") return ex.send(409, { status: "09", message: "Request in progress" });

  await ex.delay();
  let response: StoredResponse;
  if (ex.fault?.kind === "failure-envelope") {
    response = failureEnvelope(ex.fault);
  } else {
    const owner = { customerId: who.binding.customerId, accountNumber: who.binding.accountNumber };
    const card = buildCard(valid.value, PRODUCTS[valid.value.product_id], owner);
    state.cards.push(card);
    response = { status: 200, text: JSON.stringify({ status: "00", message: "Card created successfully", data: card }) };
  }
  state.idempotency.complete(who.clientId, who.idempotencyKey, response);
  return ex.sendText(response.status, response.text);
}

/** `GET /cards`: every card of the customer the token is bound to; the key is required but has no effect on GET. */
export async function listCards(ex: Exchange, state: SandboxState): Promise<void> {
  const who = await admit(ex, state);
  if (!who) return;
  const cards = state.cards.filter((c) => c.customer_id === who.binding.customerId);
  return ex.send(200, { status: "00", message: "Cards retrieved successfully", data: { cards } });
}

/** `GET /cards/{card_id}`: a GUESSED endpoint (FACTS A.8, not in the bank's docs); another customer's card is "not found". */
export async function getCard(ex: Exchange, state: SandboxState): Promise<void> {
  const who = await admit(ex, state);
  if (!who) return;
  const id = ex.path.slice(`${BANK_CONTRACT.cardsPath}/`.length);
  const card = state.cards.find((c) => c.card_id === id && c.customer_id === who.binding.customerId);
  if (!card) return ex.send(404, { status: "25", message: "Unable to locate record" });
  return ex.send(200, { status: "00", message: "Card retrieved successfully", data: card });
}
