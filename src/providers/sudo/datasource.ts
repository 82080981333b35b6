import { RESTDataSource, type AugmentedRequest, type DataSourceConfig } from "@apollo/datasource-rest";
import type { FetcherResponse } from "@apollo/utils.fetcher";
import type { GraphQLError } from "graphql";
import { inHttpSpan, recordHttpStatus } from "../../telemetry/spans";
import { SUDO_CONTRACT } from "./contract";
import { parseJsonObject } from "../http-errors";
import { fromTransportError, unavailable } from "./errors";
import { errorForResponse, isSuccess } from "./response-errors";
import type { WireCard, WireCreateCardBody, WireEnvelope, WireUpdateCardBody } from "./wire";

const API = "Sudo's card API";

export interface SudoApiOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** Waits for the rate limiter before each call (or throws RATE_LIMITED); the timeout starts after it. */
  throttle?: () => Promise<void>;
}

export interface SudoCardPage {
  /** Newest first, as Sudo lists them. */
  cards: WireCard[];
  /** How many pages there are at this page size, when Sudo says. */
  pages?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isCard = (value: unknown): value is WireCard => isObject(value) && typeof value._id === "string" && value._id !== "";

/**
 * Sudo's card routes (FACTS B.5). Every failure leaves as ProviderRejectedError or ProviderUnavailableError; nothing
 * is ever retried here, least of all a POST: Sudo has no idempotency, so a second POST is a second card. The issuer's
 * guard decides what may be retried (GETs only) and passes its rate limiter in as `throttle`.
 */
export class SudoCardsApi extends RESTDataSource {
  constructor(
    private readonly options: SudoApiOptions,
    config?: DataSourceConfig,
  ) {
    super(config);
    // A trailing slash keeps a base URL's own path when the relative card paths are resolved against it.
    this.baseURL = `${options.baseUrl.replace(/\/+$/, "")}/`;
  }

  async createCard(body: WireCreateCardBody): Promise<WireCard> {
    const envelope = await this.send("create a card", { method: "POST", route: `/${SUDO_CONTRACT.cardsPath}` }, () => this.post<WireEnvelope>(SUDO_CONTRACT.cardsPath, { body }));
    return cardOf(envelope, "create a card");
  }

  /** One page of a customer's cards; `page` is zero-based and `limit` at most 100 (FACTS B.9). */
  async listCustomerCards(customerId: string, page: number, limit: number): Promise<SudoCardPage> {
    const path = SUDO_CONTRACT.customerCardsPath(customerId);
    const params = { page: String(page), limit: String(limit) };
    const envelope = await this.send("list cards", { method: "GET", route: "/cards/customer/{customerId}" }, () => this.get<WireEnvelope>(path, { params }));
    if (!Array.isArray(envelope.data)) throw unavailable("BAD_RESPONSE", `${API} listed cards without a list`);
    const pages = envelope.pagination?.pages;
    return { cards: envelope.data.filter(isCard), ...(Number.isInteger(pages) ? { pages } : {}) };
  }

  async getCard(cardId: string): Promise<WireCard> {
    const envelope = await this.send("fetch a card", { method: "GET", route: "/cards/{cardId}" }, () => this.get<WireEnvelope>(SUDO_CONTRACT.cardPath(cardId)));
    return cardOf(envelope, "fetch a card");
  }

  /** `PUT /cards/{id}`: never retried here (see the class comment); the lifecycle service reads the card back. */
  async updateCard(cardId: string, body: WireUpdateCardBody): Promise<WireCard> {
    const envelope = await this.send("update a card", { method: "PUT", route: "/cards/{cardId}" }, () => this.put<WireEnvelope>(SUDO_CONTRACT.cardPath(cardId), { body }));
    return cardOf(envelope, "update a card");
  }

  /** `GET /cards/{id}/token`: the card token for Secure Proxy Show. The caller must never log or store it. */
  async getCardToken(cardId: string): Promise<string> {
    const envelope = await this.send("generate a card token", { method: "GET", route: "/cards/{cardId}/token" }, () => this.get<WireEnvelope>(SUDO_CONTRACT.cardTokenPath(cardId)));
    const data = envelope.data as { token?: unknown } | undefined;
    if (!isObject(data) || typeof data.token !== "string" || data.token === "") throw unavailable("BAD_RESPONSE", `${API}: generate a card token answered without a token`);
    return data.token;
  }

  protected override willSendRequest(_path: string, request: AugmentedRequest): void {
    request.headers.authorization = `${SUDO_CONTRACT.authScheme} ${this.options.apiKey}`;
    request.headers.accept = "application/json";
    request.signal = AbortSignal.timeout(this.options.timeoutMs);
    // A followed 301/302 turns a POST into a GET elsewhere; a redirect is a misconfiguration to report, not follow.
    request.redirect = "manual";
  }

  /** Reads any body as text first: an HTML error page or a truncated JSON must not throw a parse error of its own. */
  protected override async parseBody(response: FetcherResponse): Promise<object | string> {
    recordHttpStatus(response.status);
    const text = await response.text();
    return parseJsonObject(text) ?? text;
  }

  protected override async throwIfResponseIsError(options: { response: FetcherResponse; parsedBody: unknown }): Promise<void> {
    if (!isSuccess(options.response.status, options.parsedBody)) throw await this.errorFromResponse(options);
  }

  protected override async errorFromResponse(options: { response: FetcherResponse; parsedBody: unknown }): Promise<GraphQLError> {
    const { response, parsedBody } = options;
    return errorForResponse(response.status, response.headers.get("retry-after"), parsedBody);
  }

  /** `route` is the path template, for the call's span (the path itself holds ids). */
  private async send<T>(what: string, route: { method: string; route: string }, call: () => Promise<T>): Promise<T> {
    try {
      await this.options.throttle?.();
      return await inHttpSpan({ provider: "SUDO", ...route }, call);
    } catch (error) {
      throw fromTransportError(error, `${API}: ${what}`);
    }
  }
}

/** The card in a success envelope; a 2xx without one is an answer we cannot trust. */
function cardOf(envelope: WireEnvelope, what: string): WireCard {
  if (!isCard(envelope.data)) throw unavailable("BAD_RESPONSE", `${API}: ${what} answered without a card id`);
  return envelope.data;
}
