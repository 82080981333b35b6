import { Type } from "class-transformer";
import { IsArray, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, Matches, Min, Validate, ValidateNested } from "class-validator";
import { ExclusiveCategories } from "./rules";

/** FACTS B.7. */
export const SPENDING_INTERVALS = ["per_authorization", "daily", "weekly", "monthly", "yearly", "all_time"] as const;
const MCC = /^\d{4}$/;
const MCC_MESSAGE = { each: true, message: "each value in $property must be a 4-digit MCC string" };

export class ChannelsDto {
  @IsOptional() @IsBoolean() atm?: boolean;
  @IsOptional() @IsBoolean() pos?: boolean;
  @IsOptional() @IsBoolean() web?: boolean;
  @IsOptional() @IsBoolean() mobile?: boolean;
}

export class SpendingLimitDto {
  @IsNumber() @Min(0) amount!: number;
  @IsIn(SPENDING_INTERVALS) interval!: string;
  /** Empty or absent means the limit covers every category. */
  @IsOptional() @IsArray() @Matches(MCC, MCC_MESSAGE) categories?: string[];
}

export class SpendingControlsDto {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ChannelsDto) channels?: ChannelsDto;
  @IsOptional() @IsArray() @Matches(MCC, MCC_MESSAGE) allowedCategories?: string[];
  @IsOptional() @IsArray() @Matches(MCC, MCC_MESSAGE) @Validate(ExclusiveCategories) blockedCategories?: string[];
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SpendingLimitDto) spendingLimits?: SpendingLimitDto[];
}
