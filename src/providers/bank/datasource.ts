import { RESTDataSource, type DataSourceConfig } from "@apollo/datasource-rest";
import type { GraphQLError } from "graphql";
import { inHttpSpan, recordHttpStatus } from "../../telemetry/spans";
import { BANK_CONTRACT } from "./contract";
import { fromTransportError, parseJsonObject } from "./errors";
import { cardOf, errorForResponse } from "./response-errors";
import { headerNames, signIdempotencyKey, type BankWireVariant } from "./wire-variants";
import type { WireCard, WireCreateCardBody, WireEnvelope } from "./wire";

export interface BankCardsApiOptions extends DataSourceConfig {
  apiBaseUrl: string;
  clientSecret: string;
  timeoutMs: number;
  wire: BankWireVariant;
  /** Waits for the client's rate limiter before each call (or throws RATE_LIMITED); the timeout starts after it. */
  throttle?: () => Promise<void>;
}

/** The part of a fetch response the overrides read (a supertype of RESTDataSource's FetcherResponse). */
interface HttpAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface CreateCardCall {
  token: string;
  connectionId: string;
  idempotencyKey: string;
}

/**
 * The bank's card endpoints. Build one per call (or per request): RESTDataSource keeps a request-dedup map and a
 * cache, which must never be shared between customers. No retries here: the issuer's guard owns retries and the
 * breaker, and passes its rate limiter in as `throttle`.
 */
export class BankCardsApi extends RESTDataSource {
  override baseURL: string;

  constructor(private readonly options: BankCardsApiOptions) {
    super(options);
    // A trailing slash and a relative path keep any path prefix in the base URL (WHATWG URL resolution).
    this.baseURL = `${options.apiBaseUrl.replace(/\/+$/, "")}/`;
  }

  async createCard(body: WireCreateCardBody, call: CreateCardCall): Promise<WireCard> {
    const { wire, clientSecret } = this.options;
    const headers = headerNames(wire.headerStyle);
    try {
      await this.options.throttle?.();
      const route = { provider: "BANK", method: "POST", route: BANK_CONTRACT.cardsPath };
      const envelope: WireEnvelope<WireCard> = await inHttpSpan(route, () => this.post(BANK_CONTRACT.cardsPath.replace(/^\/+/, ""), {
        body,
        headers: {
          authorization: `Bearer ${call.token}`,
          accept: "application/json",
          [headers.connectionId]: call.connectionId,
          [headers.idempotencyKey]: call.idempotencyKey,
          [headers.signature]: signIdempotencyKey(clientSecret, call.idempotencyKey, wire.signatureEncoding),
        },
        // A redirected POST would be replayed as a GET, possibly to another host, with our bearer token.
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs),
      }));
      // throwIfResponseIsError let this through only after cardOf found the card.
      return envelope.data as WireCard;
    } catch (error) {
      throw fromTransportError(error, "the bank's card API");
    }
  }

  /** Reads text first: HTML error pages and truncated JSON must become BAD_RESPONSE, not a parser exception. */
  protected override async parseBody(response: HttpAnswer): Promise<object | string> {
    recordHttpStatus(response.status);
    const text = await response.text();
    return parseJsonObject(text) ?? text;
  }

  protected override async throwIfResponseIsError(options: { response: HttpAnswer; parsedBody: unknown }): Promise<void> {
    if (cardOf(options.response.status, options.parsedBody)) return;
    throw await this.errorFromResponse(options);
  }

  protected override async errorFromResponse({ response, parsedBody }: { response: HttpAnswer; parsedBody: unknown }): Promise<GraphQLError> {
    return errorForResponse(response.status, response.headers.get("retry-after"), parsedBody);
  }
}
