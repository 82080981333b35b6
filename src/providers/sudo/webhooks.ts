import { CardStatus } from "../../cards/card.enums";
import type { ProviderEvent, WebhookDefinition } from "../provider";
import { SUDO_CONTRACT } from "./contract";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const MAX_ID = 64;

/** `card.terminated` ends the card whatever its `data.status` says; other card events report the status they carry. */
const TERMINATED = "card.terminated";

const STATUS: Record<string, CardStatus> = { active: CardStatus.ACTIVE, inactive: CardStatus.INACTIVE, canceled: CardStatus.CANCELED, cancelled: CardStatus.CANCELED };

/**
 * Sudo's envelope (FACTS E.2): `{environment, business, data, type, pendingWebhook, webhookArchived, createdAt (epoch
 * seconds), _id}`. Only ids, the type, times and the card status are read: the rest (balances, masked numbers,
 * transaction details) is never kept or logged.
 */
export function parseSudoEvent(body: unknown): ProviderEvent | { problem: string } {
  if (!isObject(body)) return { problem: "the body is not a JSON object" };
  const { _id: id, type, createdAt, data } = body;
  if (typeof id !== "string" || id === "" || id.length > MAX_ID) return { problem: "_id is missing or not a string" };
  if (typeof type !== "string" || type === "" || type.length > MAX_ID) return { problem: "type is missing or not a string" };
  if (typeof createdAt !== "number" || !Number.isFinite(createdAt) || createdAt <= 0) return { problem: "createdAt is not epoch seconds" };
  const card = type.startsWith("card.") && isObject(data) ? data : null;
  const providerCardId = card && typeof card._id === "string" && card._id.length <= MAX_ID ? card._id : null;
  const reported = card && typeof card.status === "string" ? STATUS[card.status.toLowerCase()] : undefined;
  const status = type === TERMINATED ? CardStatus.CANCELED : (reported ?? null);
  // The card's own updatedAt is milliseconds; createdAt only seconds, which would lose to a change in the same second.
  const updatedAt = card && typeof card.updatedAt === "string" ? Date.parse(card.updatedAt) : NaN;
  const occurredAt = new Date(Number.isNaN(updatedAt) ? createdAt * 1000 : Math.max(updatedAt, createdAt * 1000));
  return { id, type, occurredAt, providerCardId, status: providerCardId ? status : null };
}

export const SUDO_WEBHOOKS: WebhookDefinition = {
  path: "sudo",
  tokenVar: "SUDO_WEBHOOK_TOKEN",
  tokenHeader: SUDO_CONTRACT.webhookTokenHeader,
  parse: parseSudoEvent,
};
