import pino from "pino";
import { ProviderUnavailableError } from "../../../src/errors";
import type { SudoCardPage } from "../../../src/providers/sudo/datasource";
import { rejected } from "../../../src/providers/sudo/errors";
import { SudoCardIssuer, type SudoCardsClient } from "../../../src/providers/sudo/issuer";
import type { WireCard, WireCreateCardBody } from "../../../src/providers/sudo/wire";
import { VALID, input } from "./fixtures";

const CARD_ID = "crd_resume";
const silent = pino({ level: "silent" });

const card = (id: string, tag?: string): WireCard => ({
  _id: id,
  type: "virtual",
  brand: "Verve",
  currency: "NGN",
  status: "active",
  metadata: tag ? { cardsSubgraphCardId: tag } : {},
});

/** A client over a fixed list of cards (newest first), recording every call. */
class FakeSudo implements SudoCardsClient {
  readonly created: WireCreateCardBody[] = [];
  readonly listed: number[] = [];
  listError?: Error;

  constructor(readonly cards: WireCard[]) {}

  async createCard(body: WireCreateCardBody): Promise<WireCard> {
    this.created.push(body);
    return card("6650a1b2c3d4e5f6a7b8ffff", String(body.metadata.cardsSubgraphCardId));
  }

  async listCustomerCards(_customerId: string, page: number, limit: number): Promise<SudoCardPage> {
    this.listed.push(page);
    if (this.listError) throw this.listError;
    return { cards: this.cards.slice(page * limit, (page + 1) * limit), pages: Math.ceil(this.cards.length / limit) };
  }
}

const others = (n: number) => Array.from({ length: n }, (_, i) => card(`other${i}`, `crd_other${i}`));
const request = { input: input(VALID.virtualVerve()), cardId: CARD_ID, idempotencyKey: "k" };

describe("SudoCardIssuer", () => {
  it("issue tags the card with our card id", async () => {
    const sudo = new FakeSudo([]);
    const issued = await new SudoCardIssuer(sudo, silent).issue(request);
    expect(sudo.created).toHaveLength(1);
    expect(sudo.created[0].metadata).toEqual({ cardsSubgraphCardId: CARD_ID });
    expect(issued.metadata).toBeNull();
  });

  it("resume returns the tagged card from a later page and creates nothing", async () => {
    const sudo = new FakeSudo([...others(3), card("6650a1b2c3d4e5f6a7b8c9d0", CARD_ID), ...others(2)]);
    const issued = await new SudoCardIssuer(sudo, silent, { search: { pageSize: 2, maxPages: 10 } }).resume(request);
    expect(issued.providerCardId).toBe("6650a1b2c3d4e5f6a7b8c9d0");
    expect(sudo.listed).toEqual([0, 1]);
    expect(sudo.created).toHaveLength(0);
  });

  it("resume creates the card once the list is exhausted without a match", async () => {
    const sudo = new FakeSudo(others(3));
    await new SudoCardIssuer(sudo, silent, { search: { pageSize: 2, maxPages: 10 } }).resume(request);
    expect(sudo.listed).toEqual([0, 1]);
    expect(sudo.created).toHaveLength(1);
  });

  it("resume stops at a full last page when Sudo reports the page count", async () => {
    const sudo = new FakeSudo(others(4));
    await new SudoCardIssuer(sudo, silent, { search: { pageSize: 2, maxPages: 10 } }).resume(request);
    expect(sudo.listed).toEqual([0, 1]);
  });

  it("resume searches no further than the bound", async () => {
    const sudo = new FakeSudo([...others(10), card("late", CARD_ID)]);
    await new SudoCardIssuer(sudo, silent, { search: { pageSize: 2, maxPages: 3 } }).resume(request);
    expect(sudo.listed).toEqual([0, 1, 2]);
    expect(sudo.created).toHaveLength(1);
  });

  it("a refusal while searching leaves the outcome open instead of creating or failing for good", async () => {
    const sudo = new FakeSudo([]);
    sudo.listError = rejected("401", "Unauthorized", 401);
    const error = await new SudoCardIssuer(sudo, silent).resume(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).extensions).toMatchObject({ provider: "SUDO", reason: "UPSTREAM_ERROR" });
    expect(sudo.created).toHaveLength(0);
  });

  it("has no configuration-dependent rules", () => {
    expect(new SudoCardIssuer(new FakeSudo([]), silent).validate()).toEqual([]);
  });
});
