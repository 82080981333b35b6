import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { canAccessCustomer, RequiresAccess } from "../auth";
import { CardEventConnection } from "../audit";
import { checkPageSize } from "../cards/card.connection";
import { Card } from "../cards/card.type";
import { BadUserInputError } from "../errors";
import type { Context } from "../context";
import { CardCapability } from "./capabilities";
import { CancelCardArgs, UpdateCardControlsArgs } from "./lifecycle.args";
import { RevealedToken } from "./lifecycle.types";

const ID_NOTE = "An unknown id and a card the token may not change both answer NOT_FOUND.";

@Resolver(() => Card)
export class LifecycleResolver {
  @RequiresAccess("write")
  @Mutation(() => Card, { description: `Freezes the card (status INACTIVE). Freezing a frozen card changes nothing. ${ID_NOTE}` })
  freezeCard(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Card> {
    return ctx.lifecycle.freeze(ctx.principal, id);
  }

  @RequiresAccess("write")
  @Mutation(() => Card, { description: `Unfreezes the card (status ACTIVE). Unfreezing an active card changes nothing. ${ID_NOTE}` })
  unfreezeCard(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Card> {
    return ctx.lifecycle.unfreeze(ctx.principal, id);
  }

  @RequiresAccess("write")
  @Mutation(() => Card, {
    description: `Cancels the card for good (status CANCELED); its balance goes to creditAccountId. Canceling a canceled card changes nothing. ${ID_NOTE}`,
  })
  cancelCard(@Args(() => CancelCardArgs) args: CancelCardArgs, @Ctx() ctx: Context): Promise<Card> {
    return ctx.lifecycle.cancel(ctx.principal, args);
  }

  @RequiresAccess("write")
  @Mutation(() => Card, { description: `Replaces the card's spending controls and/or metadata; the status is kept. ${ID_NOTE}` })
  updateCardControls(@Args(() => UpdateCardControlsArgs) args: UpdateCardControlsArgs, @Ctx() ctx: Context): Promise<Card> {
    return ctx.lifecycle.updateControls(ctx.principal, args);
  }

  @RequiresAccess("write")
  @Mutation(() => Card, { description: `Reads the card from its provider and updates ours to match. ${ID_NOTE}` })
  refreshCard(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Card> {
    return ctx.lifecycle.refresh(ctx.principal, id);
  }

  @RequiresAccess("reveal")
  @Query(() => RevealedToken, {
    description:
      "A short-lived token to show the card's number, CVV2 and PIN in the owner's browser (Secure Proxy Show). Needs the " +
      "scope cards:reveal on a customer token for the card's customer; rate limited per caller; recorded in Card.events.",
  })
  cardRevealToken(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<RevealedToken> {
    return ctx.lifecycle.revealToken(ctx.principal, id);
  }

  @FieldResolver(() => [CardCapability], { description: "What this card's provider lets you do after issuance." })
  capabilities(@Root() card: Card, @Ctx() ctx: Context): CardCapability[] {
    return ctx.lifecycleService.capabilities(card);
  }

  @FieldResolver(() => CardEventConnection, { description: "The card's audit trail, newest first." })
  async events(
    @Root() card: Card,
    @Arg("first", () => Int, { nullable: true, description: "Page size, 1 to 100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true, description: "The endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<CardEventConnection> {
    const size = checkPageSize(first);
    const cursor = after ?? null;
    if (cursor !== null && !/^[1-9]\d{0,18}$/.test(cursor)) {
      throw new BadUserInputError([{ field: "after", rule: "isCursor", message: "after is not a cursor this API returned" }]);
    }
    // The card was only reachable if readable; checked again so no other path can list a trail.
    if (!canAccessCustomer(ctx.principal, card.customerId, "read")) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const { events, hasNextPage } = await ctx.lifecycleService.store.audit.list(card.id, size, cursor);
    const edges = events.map((node) => ({ cursor: node.id, node }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
