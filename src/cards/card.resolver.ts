import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { assertCanAccessCustomer, readableOrNull, RequiresAccess } from "../auth";
import type { Context } from "../context";
import { CardConnection, checkPageSize, decodeCursor, toConnection } from "./card.connection";
import { checkIdArgument } from "./id-argument";
import { CreateCardInput } from "./card.input";
import { Card, Customer } from "./card.type";

@Resolver(() => Card)
export class CardResolver {
  @RequiresAccess("write")
  @Mutation(() => Card, {
    description:
      "Issues a card with exactly one provider. Retrying with the same idempotencyKey and input returns the same card " +
      "(or the same error) without a second provider call; the same key with another input is IDEMPOTENCY_KEY_REUSED.",
  })
  createCard(
    @Arg("idempotencyKey", () => String, { description: "Unique per logical card request, at most 255 printable ASCII characters." })
    idempotencyKey: string,
    @Arg("input", () => CreateCardInput) input: CreateCardInput,
    @Ctx() ctx: Context,
  ): Promise<Card> {
    return ctx.cards.createCard(ctx.principal, idempotencyKey, input, ctx.callerLimits.createCardQuota(ctx.caller));
  }

  @RequiresAccess("read")
  @Query(() => Card, {
    nullable: true,
    description: "A card this subgraph issued, by our id; null when there is none or the token may not see it (the two are indistinguishable).",
  })
  async card(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Card | null> {
    checkIdArgument(id, "id");
    // Looked up either way, so an unknown id and someone else's card cost the same.
    return readableOrNull(ctx.principal, await ctx.loaders.cardById.load(id));
  }

  @RequiresAccess("read")
  @Query(() => CardConnection, { description: "A customer's cards, newest first. FORBIDDEN for a customer the token does not act for." })
  async cards(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1 to 100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<CardConnection> {
    checkIdArgument(customerId, "customerId");
    const size = checkPageSize(first);
    const cursor = decodeCursor(after);
    assertCanAccessCustomer(ctx.principal, customerId, "read", "customerId");
    const page = await ctx.store.listCustomerCards(customerId, size, cursor);
    return toConnection(page.cards, page.hasNextPage);
  }

  @FieldResolver(() => Customer, { description: "The customer the card belongs to; the owning subgraph resolves the rest." })
  // The property, not the Card: `@Root() card: Card` would have type-graphql copy each card into a new Card instance.
  customer(@Root("customerId") customerId: string): Customer {
    return { id: customerId };
  }
}

@Resolver(() => Customer)
export class CustomerCardsResolver {
  @RequiresAccess("read")
  @FieldResolver(() => CardConnection, { description: "The customer's cards, newest first (contributed by the cards subgraph)." })
  async cards(
    @Root() customer: Customer,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1 to 100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<CardConnection> {
    const size = checkPageSize(first);
    const cursor = decodeCursor(after);
    // A Customer this token may not read resolves to null (schema/build.ts), so this guards any other way in.
    assertCanAccessCustomer(ctx.principal, customer.id, "read", "id");
    // First pages of many customers (an _entities batch) share one query; later pages are one query each.
    const page = cursor
      ? await ctx.store.listCustomerCards(customer.id, size, cursor)
      : await ctx.loaders.firstCardsPage.load(`${size}:${customer.id}`);
    return toConnection(page.cards, page.hasNextPage);
  }
}
