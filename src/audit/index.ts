export { AuditStore, providerActor, SYSTEM_CARD_SYNC, type NewCardEvent } from "./audit.store";
export { CardEvent, CardEventConnection, CardEventEdge, CardEventKind } from "./audit.types";
