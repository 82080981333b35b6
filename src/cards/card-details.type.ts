import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { CardBrand, CardMode, CardStatus, CardType, SpendingLimitInterval } from "./card.enums";

// What a provider knows of a card, before we give it our id: the providers' mappings build these, and Card
// (card.type.ts) adds our identity. Kept apart so src/providers depends on this file alone, never on the registry
// that card.type.ts needs for the CardProvider enum (no import cycle).
//
// simpleResolvers: these fields have no middleware or auth of their own, so graphql-js's default resolver reads them.
// Otherwise type-graphql wraps every field in a resolver with its middleware machinery: about 40,000 calls for an
// `_entities` of 1,000 cards. A field that ever needs middleware must set `simple: false`.

@ObjectType({ description: "Expiry month and four-digit year.", simpleResolvers: true })
export class CardExpiry {
  @Field(() => Int)
  month!: number;

  @Field(() => Int)
  year!: number;
}

@ObjectType({ description: "Billing or delivery address printed on the provider's card record.", simpleResolvers: true })
export class CardAddress {
  @Field(() => String, { nullable: true })
  street?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  state?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 or alpha-3, as the provider gave it." })
  country?: string | null;
}

@ObjectType({ description: "A bank-defined key/value attached to the card.", simpleResolvers: true })
export class CardCustomProperty {
  @Field(() => String)
  id!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => String, { nullable: true })
  value?: string | null;
}

@ObjectType({ description: "Channels the card may be used on; true means allowed.", simpleResolvers: true })
export class SpendingChannels {
  @Field(() => Boolean) atm!: boolean;
  @Field(() => Boolean) pos!: boolean;
  @Field(() => Boolean) web!: boolean;
  @Field(() => Boolean) mobile!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class SpendingLimit {
  @Field(() => Number, { description: "In the card currency's major units." })
  amount!: number;

  @Field(() => SpendingLimitInterval)
  interval!: SpendingLimitInterval;

  @Field(() => [String], { description: "Merchant category codes the limit applies to; empty means all." })
  categories!: string[];
}

@ObjectType({ description: "Spending controls the provider applies before authorization.", simpleResolvers: true })
export class SpendingControls {
  @Field(() => SpendingChannels, { nullable: true })
  channels?: SpendingChannels | null;

  @Field(() => [String])
  allowedCategories!: string[];

  @Field(() => [String])
  blockedCategories!: string[];

  @Field(() => [SpendingLimit])
  spendingLimits!: SpendingLimit[];
}

/** The provider-side fields of a Card. Never a GraphQL type of its own: no field returns it, so the schema omits it. */
@ObjectType({ simpleResolvers: true })
export abstract class CardDetails {
  @Field(() => String, { description: "The provider's own id for the card." })
  providerCardId!: string;

  /** Backs the `customer` field; other subgraphs resolve the rest of the Customer. */
  customerId!: string;

  @Field(() => CardType)
  type!: CardType;

  @Field(() => CardBrand, { nullable: true })
  brand?: CardBrand | null;

  @Field(() => CardStatus)
  status!: CardStatus;

  @Field(() => CardMode, { nullable: true })
  mode?: CardMode | null;

  @Field(() => String, { description: "ISO 4217 code." })
  currency!: string;

  @Field(() => String, { nullable: true })
  holderName?: string | null;

  @Field(() => String, { nullable: true })
  last4?: string | null;

  @Field(() => String, { nullable: true, description: "At most the BIN and the last four digits are visible." })
  maskedPan?: string | null;

  @Field(() => CardExpiry, { nullable: true })
  expiry?: CardExpiry | null;

  @Field(() => String, { nullable: true, description: "The account the card draws on, all but the last four digits masked." })
  maskedAccountNumber?: string | null;

  @Field(() => String, { nullable: true, description: "The bank's card product, when one was chosen." })
  productId?: string | null;

  @Field(() => CardAddress, { nullable: true })
  address?: CardAddress | null;

  @Field(() => SpendingControls, { nullable: true })
  spendingControls?: SpendingControls | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Caller-supplied key/value data (Sudo)." })
  metadata?: Record<string, unknown> | null;

  @Field(() => [CardCustomProperty], { nullable: true, description: "Bank-defined custom properties." })
  customProperties?: CardCustomProperty[] | null;
}
