import { registerEnumType } from "type-graphql";
import type { CardLifecycle } from "../providers/provider";

/** What can be done with a card after issuance, depending on its provider (Card.capabilities). */
export enum CardCapability {
  REFRESH = "REFRESH",
  FREEZE = "FREEZE",
  UNFREEZE = "UNFREEZE",
  CANCEL = "CANCEL",
  UPDATE_CONTROLS = "UPDATE_CONTROLS",
  REVEAL = "REVEAL",
}

registerEnumType(CardCapability, {
  name: "CardCapability",
  description: "An after-issuance operation the card's provider supports; the others answer UNSUPPORTED_BY_PROVIDER.",
});

/** Each capability and the adapter method that provides it: a provider supports what it implements, nothing else. */
export const CAPABILITY_METHOD: Record<CardCapability, keyof CardLifecycle> = {
  REFRESH: "get",
  FREEZE: "freeze",
  UNFREEZE: "unfreeze",
  CANCEL: "cancel",
  UPDATE_CONTROLS: "updateControls",
  REVEAL: "revealToken",
};

export function capabilitiesOf(lifecycle: CardLifecycle | undefined): CardCapability[] {
  if (!lifecycle) return [];
  return Object.values(CardCapability).filter((c) => typeof lifecycle[CAPABILITY_METHOD[c]] === "function");
}
