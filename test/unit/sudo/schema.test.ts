import { GraphQLInputObjectType, printType, type GraphQLSchema } from "graphql";
import { Arg, buildSchema, Query, Resolver } from "type-graphql";
import { SudoCardInput } from "../../../src/providers/sudo/sudo.input";

@Resolver()
class ProbeResolver {
  @Query(() => Boolean)
  probe(@Arg("input", () => SudoCardInput) _input: SudoCardInput): boolean {
    return true;
  }
}

describe("SudoCardInput in the schema", () => {
  let schema: GraphQLSchema;
  const printed = (name: string) => printType(schema.getType(name)!);

  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [ProbeResolver], validate: false });
  });

  it("carries Sudo's documented defaults as GraphQL defaults", () => {
    const sdl = printed("SudoCardInput");
    expect(sdl).toContain("customerId: ID!");
    expect(sdl).toContain("type: SudoCardType! = PHYSICAL");
    expect(sdl).toContain("currency: SudoCardCurrency! = NGN");
    expect(sdl).toContain("status: SudoCardStatus! = ACTIVE");
    expect(sdl).toContain("issuerCountry: SudoIssuerCountry! = NGA");
    expect(sdl).toContain("sendPinSms: Boolean! = false");
  });

  it("has every field of Sudo's create-card body, each described", () => {
    const fields = (name: string) => Object.values((schema.getType(name) as GraphQLInputObjectType).getFields());
    expect(fields("SudoCardInput").map((f) => f.name).sort()).toEqual(
      [
        "customerId", "type", "brand", "currency", "status", "issuerCountry", "number", "fundingSourceId", "debitAccountId",
        "amount", "expirationDate", "bankCode", "accountNumber", "replacementFor", "replacementReason", "metadata",
        "spendingControls", "sendPinSms", "enable2FA", "programId",
      ].sort(),
    );
    for (const name of ["SudoCardInput", "SpendingControlsInput", "SpendingChannelsInput", "SpendingLimitInput"]) {
      const undescribed = fields(name).filter((f) => !f.description?.trim()).map((f) => `${name}.${f.name}`);
      expect(undescribed).toEqual([]);
    }
  });

  it("spells the nested inputs as documented", () => {
    expect(printed("SpendingLimitInput")).toMatch(/amount: Float![\s\S]*interval: SpendingLimitInterval![\s\S]*categories: \[String!\]/);
    expect(printed("SpendingControlsInput")).toMatch(/channels: SpendingChannelsInput[\s\S]*spendingLimits: \[SpendingLimitInput!\]/);
    expect(printed("SudoCardBrand")).toMatch(/VERVE[\s\S]*MASTERCARD[\s\S]*VISA[\s\S]*AFRIGO/);
  });
});
