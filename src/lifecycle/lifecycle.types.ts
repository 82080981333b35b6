import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "A short-lived token for the provider's Secure Proxy Show: the browser shows the card's number, CVV2 and PIN straight " +
    "from the provider's vault. This subgraph never sees that data, and never logs or stores the token.",
  simpleResolvers: true,
})
export class RevealedToken {
  @Field(() => String, { description: "Send as `Authorization: Bearer <token>` to the vault's secure-data paths." })
  token!: string;

  @Field(() => Date, { description: "After this the vault refuses the token (about 120 s after issue)." })
  expiresAt!: Date;

  @Field(() => String, { description: "The provider's vault id for Secure Proxy Show (it differs between sandbox and production)." })
  vaultId!: string;

  @Field(() => ID, { description: "Our card id." })
  cardId!: string;

  @Field(() => String, { description: "The provider's card id, which the vault's paths name." })
  providerCardId!: string;
}
