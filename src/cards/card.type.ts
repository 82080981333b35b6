import { Directive, Field, ID, ObjectType } from "type-graphql";
import { CardProvider } from "../providers/registry";
import { CardDetails } from "./card-details.type";

@ObjectType({ description: "A customer, owned by another subgraph; this subgraph contributes the customer's cards.", simpleResolvers: true })
@Directive('@key(fields: "id")')
export class Customer {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "A payment card issued through one of the providers. Never carries a full PAN, CVV2 or PIN.", simpleResolvers: true })
@Directive('@key(fields: "id")')
// The router then refuses anonymous access to a Card on every path, references from other subgraphs included.
@Directive("@authenticated")
export class Card extends CardDetails {
  @Field(() => ID, { description: "Ours: opaque, stable and never reused." })
  id!: string;

  @Field(() => CardProvider)
  provider!: CardProvider;

  @Field(() => Date)
  createdAt!: Date;
}
