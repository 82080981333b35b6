export { AuditStore, providerActor, SYSTEM_RECONCILER, type NewCardEvent } from "./audit.store";
export { CardEvent, CardEventConnection, CardEventEdge, CardEventKind } from "./audit.types";
