import { isMongoId } from "class-validator";
import type { FieldProblem } from "../../errors";
import type { CancelRequest, CardLifecycle, CardRef, ControlsChange, ProviderCardState, RevealToken } from "../provider";
import { CardStatus } from "../../cards/card.enums";
import type { ProviderGuard } from "../resilience";
import { SUDO_CONTRACT, WIRE_UPDATE_STATUS } from "./contract";
import type { SudoCardsApi } from "./datasource";
import { SUDO_SCOPE } from "./issuer";
import { spendingControlsToWire, toCardState, updateMetadataOf } from "./mapping";
import type { SpendingControlsInput } from "./spending-controls.input";
import type { WireUpdateCardBody } from "./wire";

export type SudoLifecycleClient = Pick<SudoCardsApi, "getCard" | "updateCard" | "getCardToken">;

/** Statuses a `PUT /cards/{id}` may carry when it only changes controls: the card keeps the one it has. */
const KEEP: Partial<Record<string, string>> = { ACTIVE: WIRE_UPDATE_STATUS.ACTIVE, INACTIVE: WIRE_UPDATE_STATUS.INACTIVE };

/**
 * Sudo's after-issuance routes (FACTS E.2): `GET /cards/{id}`, `PUT /cards/{id}` and `GET /cards/{id}/token`. Every
 * call goes through the issuer's guard (one breaker and rate limiter per process); only the GETs are retried, a PUT
 * whose answer is lost is resolved by the lifecycle service reading the card back.
 */
export class SudoLifecycle implements CardLifecycle {
  constructor(
    private readonly api: SudoLifecycleClient,
    private readonly options: { guard?: ProviderGuard; vaultId: string; now?: () => number },
  ) {}

  /** FACTS E.2: `creditAccountId` is "required for canceled status only"; it receives the card's balance. */
  checkCancel(request: CancelRequest): FieldProblem[] {
    if (!request.creditAccountId) return [{ field: "creditAccountId", rule: "isNotEmpty", message: "creditAccountId is required to cancel a Sudo card" }];
    if (!isMongoId(request.creditAccountId)) return [{ field: "creditAccountId", rule: "isMongoId", message: "creditAccountId must be a Sudo account _id" }];
    return [];
  }

  get(ref: CardRef): Promise<ProviderCardState> {
    return this.guarded("getCard", async () => toCardState(await this.api.getCard(ref.providerCardId), ref.current.status as CardStatus), true);
  }

  freeze(ref: CardRef): Promise<ProviderCardState> {
    return this.put(ref, { status: WIRE_UPDATE_STATUS.INACTIVE });
  }

  unfreeze(ref: CardRef): Promise<ProviderCardState> {
    return this.put(ref, { status: WIRE_UPDATE_STATUS.ACTIVE });
  }

  cancel(ref: CardRef, request: CancelRequest): Promise<ProviderCardState> {
    const body: WireUpdateCardBody = { status: WIRE_UPDATE_STATUS.CANCELED, cancellationReason: request.reason.toLowerCase() };
    if (request.creditAccountId) body.creditAccountId = request.creditAccountId;
    return this.put(ref, body);
  }

  /** `status` is required on every PUT: the card's current one is sent, so a controls change never unfreezes it. */
  updateControls(ref: CardRef, change: ControlsChange): Promise<ProviderCardState> {
    const body: WireUpdateCardBody = { status: KEEP[ref.current.status] ?? WIRE_UPDATE_STATUS.ACTIVE };
    if (change.spendingControls) body.spendingControls = spendingControlsToWire(change.spendingControls as SpendingControlsInput);
    if (change.metadata !== undefined) body.metadata = updateMetadataOf(change.metadata, ref.cardId);
    return this.put(ref, body);
  }

  async revealToken(ref: CardRef): Promise<RevealToken> {
    const token = await this.guarded("getCardToken", () => this.api.getCardToken(ref.providerCardId), true);
    const now = this.options.now?.() ?? Date.now();
    return { token, expiresAt: new Date(expiryOf(token) ?? now + SUDO_CONTRACT.cardTokenTtlMs), vaultId: this.options.vaultId };
  }

  private async put(ref: CardRef, body: WireUpdateCardBody): Promise<ProviderCardState> {
    return this.guarded("updateCard", async () => toCardState(await this.api.updateCard(ref.providerCardId, body), ref.current.status as CardStatus), false);
  }

  private guarded<T>(operation: string, call: () => Promise<T>, repeatable: boolean): Promise<T> {
    return this.options.guard ? this.options.guard.call(SUDO_SCOPE, call, { repeatable, operation }) : call();
  }
}

/** The card token is a JWT (FACTS B.5); its `exp` is when Sudo stops honouring it. Not verified: it is Sudo's. */
function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown };
    return typeof payload.exp === "number" && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
