import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { assertCanAccessCustomer, canAccessCustomer, ForbiddenError, readableOrNull, RequiresAccess } from "../auth";
import { Customer } from "../cards/card.type";
import type { Context } from "../context";
import { toConsent } from "./consent.store";
import { BankConsent } from "./consent.type";

@Resolver(() => BankConsent)
export class BankConsentResolver {
  @RequiresAccess("write")
  @Mutation(() => BankConsent, {
    description:
      "Asks the customer's bank for consent to issue cards (device flow). Show the customer userCode and " +
      "verificationUri; the subgraph polls the bank, so follow the status with bankConsent(id). While a request for the " +
      "same customer and connection is pending, or a consent is approved, that one is returned instead of a new one.",
  })
  startBankConsent(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("connectionId", () => String, { nullable: true, description: "A configured bank connection; the default one when omitted." })
    connectionId: string | null,
    @Ctx() ctx: Context,
  ): Promise<BankConsent> {
    assertCanAccessCustomer(ctx.principal, customerId, "write", "customerId");
    return ctx.consents.start(customerId, connectionId);
  }

  @RequiresAccess("read")
  @Query(() => BankConsent, { nullable: true, description: "A consent by id; null when there is none or the token may not see it (the two are indistinguishable)." })
  async bankConsent(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<BankConsent | null> {
    return readableOrNull(ctx.principal, await ctx.consents.get(id));
  }

  @RequiresAccess("write")
  @Mutation(() => BankConsent, {
    nullable: true,
    description:
      "Withdraws a consent: no card is issued with it any more and the bank is told to stop honouring its tokens. " +
      "Revoking an ended consent changes nothing. Null when there is no such consent or the token may not see it.",
  })
  async revokeBankConsent(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<BankConsent | null> {
    const row = await ctx.consents.row(id);
    const visible = readableOrNull(ctx.principal, row ? toConsent(row) : null);
    if (!visible) return null;
    if (!canAccessCustomer(ctx.principal, visible.customerId, "write")) throw ForbiddenError.forCustomer("write", "id");
    return ctx.consents.revoke(id);
  }
}

@Resolver(() => Customer)
export class CustomerConsentsResolver {
  @RequiresAccess("read")
  @FieldResolver(() => [BankConsent], { description: "The customer's bank consents, newest first (at most 50; contributed by the cards subgraph)." })
  async bankConsents(@Root() customer: Customer, @Ctx() ctx: Context): Promise<BankConsent[]> {
    assertCanAccessCustomer(ctx.principal, customer.id, "read", "id");
    return ctx.consents.listForCustomer(customer.id);
  }
}
