import { Type } from "class-transformer";
import {
  ArrayMaxSize,
  IsDefined,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { CardMode, CardType } from "../../cards/card.enums";
import { AllowsLineBreaks } from "../../cards/validation";
import { BankCardCurrency, BankCardStatus } from "./bank.enums";
import { IsNotExpired } from "./expiry.rule";

/** The bank's text fields are at most 255 characters (FACTS A.8, technical guide). */
export const MAX_TEXT = 255;
export const MAX_CUSTOM_PROPERTIES = 20;

const tooLong = { message: `$property must be at most ${MAX_TEXT} characters` };
const required = { message: "$property must not be empty" };

@InputType({ description: "Expiry month and four-digit year; the card is valid through the end of that month." })
export class CardExpiryInput {
  @Field(() => Int, { description: "Month, 1 (January) to 12 (December)." })
  @IsInt({ message: "$property must be a whole number" })
  @Min(1, { message: "$property must be from 1 to 12" })
  @Max(12, { message: "$property must be from 1 to 12" })
  month!: number;

  @Field(() => Int, { description: "Four-digit year, e.g. 2029." })
  @IsInt({ message: "$property must be a whole number" })
  @Min(1000, { message: "$property must have four digits" })
  @Max(9999, { message: "$property must have four digits" })
  year!: number;
}

@InputType({ description: "The address the bank records for the card. Every part is optional." })
export class CardAddressInput {
  @Field(() => String, { nullable: true, description: "Street and number." })
  @IsOptional()
  @MaxLength(MAX_TEXT, tooLong)
  street?: string | null;

  @Field(() => String, { nullable: true, description: "City or town." })
  @IsOptional()
  @MaxLength(MAX_TEXT, tooLong)
  city?: string | null;

  @Field(() => String, { nullable: true, description: "State or region." })
  @IsOptional()
  @MaxLength(MAX_TEXT, tooLong)
  state?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 country code, e.g. NG." })
  @IsOptional()
  @IsISO31661Alpha2({ message: "$property must be an ISO 3166-1 alpha-2 country code" })
  country?: string | null;
}

@InputType({ description: "A bank-defined key/value attached to the card." })
export class CustomPropertyInput {
  @Field(() => String, { description: "The property's identifier, as the bank defines it." })
  @IsNotEmpty(required)
  @MaxLength(MAX_TEXT, tooLong)
  id!: string;

  @Field(() => String, { nullable: true, description: "What the property means; may span lines." })
  @AllowsLineBreaks()
  @IsOptional()
  @MaxLength(MAX_TEXT, tooLong)
  description?: string | null;

  @Field(() => String, { nullable: true, description: "The value's type, e.g. string." })
  @IsOptional()
  @MaxLength(MAX_TEXT, tooLong)
  type?: string | null;

  @Field(() => String, { nullable: true, description: "The value, as text; may span lines." })
  @AllowsLineBreaks()
  @IsOptional()
  @MaxLength(MAX_TEXT, tooLong)
  value?: string | null;
}

@InputType({ description: "A card issued through the bank-connectivity API for a customer who gave consent." })
export class BankCardInput {
  @Field(() => ID, {
    nullable: true,
    description: "The bank connection to issue through. Defaults to the configured default connection.",
  })
  @IsOptional()
  @IsNotEmpty(required)
  @MaxLength(MAX_TEXT, tooLong)
  connectionId?: string | null;

  @Field(() => ID, { description: "The customer who owns the card and whose consent authorises the request." })
  @IsNotEmpty(required)
  @MaxLength(MAX_TEXT, tooLong)
  customerId!: string;

  @Field(() => BankCardStatus, { description: "The status the card is created in." })
  @IsEnum(BankCardStatus, { message: "$property must be one of ACTIVE, INACTIVE, BLOCKED, LOST, STOLEN" })
  status!: BankCardStatus;

  @Field(() => String, { description: "The name printed on the card, 1 to 255 characters." })
  @Length(1, MAX_TEXT, { message: `$property must be 1 to ${MAX_TEXT} characters` })
  holderName!: string;

  @Field(() => String, { description: "The card's initial PIN: exactly four digits. Sent encrypted, never stored." })
  @Matches(/^\d{4}$/, { message: "$property must be exactly four digits" })
  defaultPin!: string;

  @Field(() => CardExpiryInput, { description: "When the card expires; must not be in the past." })
  @IsDefined({ message: "$property is required" })
  @ValidateNested()
  @Type(() => CardExpiryInput)
  @IsNotExpired()
  expiry!: CardExpiryInput;

  @Field(() => String, { nullable: true, description: "The bank's card product to issue." })
  @IsOptional()
  @IsNotEmpty(required)
  @MaxLength(MAX_TEXT, tooLong)
  productId?: string | null;

  @Field(() => CardType, { nullable: true, description: "Virtual or physical; the bank's default when omitted." })
  @IsOptional()
  @IsEnum(CardType, { message: "$property must be one of VIRTUAL, PHYSICAL, OTHER" })
  type?: CardType | null;

  @Field(() => CardMode, { nullable: true, description: "How the card is funded; the bank's default when omitted." })
  @IsOptional()
  @IsEnum(CardMode, { message: "$property must be one of DEBIT, CREDIT, PREPAID, OTHER" })
  mode?: CardMode | null;

  @Field(() => BankCardCurrency, { nullable: true, description: "The card's currency; the bank's default when omitted." })
  @IsOptional()
  @IsEnum(BankCardCurrency, { message: "$property must be NGN" })
  currency?: BankCardCurrency | null;

  @Field(() => CardAddressInput, { nullable: true, description: "The address the bank records for the card." })
  @IsOptional()
  @ValidateNested()
  @Type(() => CardAddressInput)
  address?: CardAddressInput | null;

  @Field(() => [CustomPropertyInput], {
    nullable: true,
    description: `Bank-defined key/values, at most ${MAX_CUSTOM_PROPERTIES}.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_CUSTOM_PROPERTIES, { message: `$property must have at most ${MAX_CUSTOM_PROPERTIES} items` })
  @ValidateNested({ each: true })
  @Type(() => CustomPropertyInput)
  customProperties?: CustomPropertyInput[] | null;
}
