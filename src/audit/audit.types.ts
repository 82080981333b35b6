import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { CardStatus } from "../cards/card.enums";
import { PageInfo } from "../cards/card.connection";

/** Every kind of change the audit trail records (issue 11). Values equal names, as for every enum here. */
export enum CardEventKind {
  ISSUED = "ISSUED",
  FROZEN = "FROZEN",
  UNFROZEN = "UNFROZEN",
  CONTROLS_CHANGED = "CONTROLS_CHANGED",
  CANCELED = "CANCELED",
  REFRESHED = "REFRESHED",
  PROVIDER_EVENT = "PROVIDER_EVENT",
  REVEAL_TOKEN_ISSUED = "REVEAL_TOKEN_ISSUED",
}

registerEnumType(CardEventKind, { name: "CardEventKind", description: "What happened to a card." });

@ObjectType({ description: "One entry of a card's audit trail. Never carries card data or tokens.", simpleResolvers: true })
export class CardEvent {
  @Field(() => ID, { description: "Increases with every event of this subgraph." })
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, {
    description: "Who: the caller as `issuer|subject`, `provider:<NAME>` for the provider's own change, or `system:card-sync`.",
  })
  actor!: string;

  @Field(() => CardEventKind)
  kind!: CardEventKind;

  @Field(() => CardStatus, { nullable: true, description: "The card's status before the event (null for ISSUED)." })
  statusBefore?: CardStatus | null;

  @Field(() => CardStatus, { nullable: true })
  statusAfter?: CardStatus | null;

  @Field(() => GraphQLJSONObject, { description: "What changed: field names, the cancellation reason, the provider's event type." })
  detail!: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true })
export class CardEventEdge {
  @Field(() => String) cursor!: string;
  @Field(() => CardEvent) node!: CardEvent;
}

@ObjectType({ description: "A card's audit trail, newest first.", simpleResolvers: true })
export class CardEventConnection {
  @Field(() => [CardEventEdge]) edges!: CardEventEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
