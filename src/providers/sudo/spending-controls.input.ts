import { Type } from "class-transformer";
import { ArrayMaxSize, IsBoolean, IsEnum, IsNumber, IsOptional, ValidateNested } from "class-validator";
import { Field, Float, InputType } from "type-graphql";
import { SpendingLimitInterval } from "../../cards/card.enums";
import { SUDO_LIMITS } from "./contract";
import { ExclusiveWith, IfPresent, IsMccList } from "./rules";

const categoriesCap = {
  message: `$property must have at most ${SUDO_LIMITS.maxCategories} merchant category codes`,
};
const boolean = { message: "$property must be true or false" };

@InputType({ description: "Channels the card may be used on (FACTS B.7): true allows the channel, false blocks it." })
export class SpendingChannelsInput {
  @Field(() => Boolean, { nullable: true, description: "Cash withdrawals at ATMs. Sudo's default applies when omitted." })
  @IsOptional()
  @IsBoolean(boolean)
  atm?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Payments at point-of-sale terminals. Sudo's default applies when omitted." })
  @IsOptional()
  @IsBoolean(boolean)
  pos?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Online (card-not-present) payments. Sudo's default applies when omitted." })
  @IsOptional()
  @IsBoolean(boolean)
  web?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Payments from mobile wallets. Sudo's default applies when omitted." })
  @IsOptional()
  @IsBoolean(boolean)
  mobile?: boolean | null;
}

@InputType({ description: "A cap on spending over an interval, optionally for some merchant categories only." })
export class SpendingLimitInput {
  @Field(() => Float, { description: "The cap in the card currency's major units; 0 or more." })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: "$property must be a finite number" })
  // Not @Min: it fails NaN as well, which isNumber already reports.
  @IfPresent("min", (v) => typeof v !== "number" || Number.isNaN(v) || v >= 0, "$property must not be negative")
  amount!: number;

  @Field(() => SpendingLimitInterval, { description: "The window the cap applies to." })
  @IsEnum(SpendingLimitInterval, { message: "$property must be a SpendingLimitInterval value" })
  interval!: SpendingLimitInterval;

  @Field(() => [String], {
    nullable: true,
    description: `4-digit merchant category codes the cap applies to, at most ${SUDO_LIMITS.maxCategories}; empty or omitted means all.`,
  })
  @IsOptional()
  @ArrayMaxSize(SUDO_LIMITS.maxCategories, categoriesCap)
  @IsMccList()
  categories?: string[] | null;
}

@InputType({ description: "Spending controls Sudo applies before authorizing a payment. Sudo's defaults apply when omitted." })
export class SpendingControlsInput {
  @Field(() => SpendingChannelsInput, { nullable: true, description: "Channels the card may be used on." })
  @IsOptional()
  @ValidateNested()
  @Type(() => SpendingChannelsInput)
  channels?: SpendingChannelsInput | null;

  @Field(() => [String], {
    nullable: true,
    description: `Only these 4-digit merchant category codes are allowed, at most ${SUDO_LIMITS.maxCategories}. Not together with blockedCategories.`,
  })
  @IsOptional()
  @ArrayMaxSize(SUDO_LIMITS.maxCategories, categoriesCap)
  @IsMccList()
  allowedCategories?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `These 4-digit merchant category codes are declined, at most ${SUDO_LIMITS.maxCategories}. Not together with allowedCategories.`,
  })
  @IsOptional()
  @ArrayMaxSize(SUDO_LIMITS.maxCategories, categoriesCap)
  @IsMccList()
  @ExclusiveWith("allowedCategories")
  blockedCategories?: string[] | null;

  @Field(() => [SpendingLimitInput], {
    nullable: true,
    description: `Spending caps, at most ${SUDO_LIMITS.maxSpendingLimits}. Sudo's default caps apply when omitted.`,
  })
  @IsOptional()
  @ArrayMaxSize(SUDO_LIMITS.maxSpendingLimits, { message: `$property must have at most ${SUDO_LIMITS.maxSpendingLimits} items` })
  @ValidateNested({ each: true })
  @Type(() => SpendingLimitInput)
  spendingLimits?: SpendingLimitInput[] | null;
}
