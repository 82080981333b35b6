import { print } from "graphql";
import { CardDocument, CardFieldsFragmentDoc, CreateCardDocument, type BankCardInput, type SudoCardInput } from "../test/__generated__/graphql";
import { sudoInput } from "../test/support/inputs";

// The documents the jest suites use (test/operations/*.graphql), so the bench reads every public Card field and
// measures the same work a client asks for.

const CARD_FIELDS = print(CardFieldsFragmentDoc);

export const CARD_QUERY = print(CardDocument);
export const CREATE_CARD = print(CreateCardDocument);

/** What a router sends the subgraph to resolve references. */
export const ENTITIES_QUERY = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ...CardFields }
}
${CARD_FIELDS}`;

/** Through the gateway: the refs subgraph lists ids, the gateway resolves them with one `_entities` call to cards. */
export const CARD_REFS_QUERY = `query CardRefs($count: Int!) {
  cardRefs(count: $count) { ...CardFields }
}
${CARD_FIELDS}`;

export const graphqlBody = (query: string, variables: Record<string, unknown>): string => JSON.stringify({ query, variables });

export const entitiesBody = (ids: readonly string[]): string =>
  graphqlBody(ENTITIES_QUERY, { representations: ids.map((id) => ({ __typename: "Card", id })) });

/**
 * The tests' valid Sudo input with every defaulted field spelled out (the bank input has no defaults), so the body the subgraph sends the provider and
 * the one the bench sends it directly (built by the provider's own mapping) are the same.
 */
export function benchSudoInput(overrides: Partial<SudoCardInput> = {}): SudoCardInput {
  return sudoInput({ status: "ACTIVE", issuerCountry: "NGA", sendPinSms: false, ...overrides });
}

/** Splices a fresh key into a createCard body prepared once, so the load generator does no JSON work per request. */
export function createCardBodies(input: { bank: BankCardInput } | { sudo: SudoCardInput }, keyPrefix: string): () => { body: string } {
  const marker = "\u0000key\u0000";
  const [head, tail] = graphqlBody(CREATE_CARD, { idempotencyKey: marker, input }).split(JSON.stringify(marker));
  let n = 0;
  return () => ({ body: `${head}"${keyPrefix}-${n++}"${tail}` });
}
