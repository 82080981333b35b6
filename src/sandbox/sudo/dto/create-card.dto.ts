import { Type } from "class-transformer";
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsMongoId,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Validate,
  ValidateIf,
  ValidateNested,
} from "class-validator";
import type { CardBrandName, CardType, CurrencyCode } from "../store";
import { BrandCurrency, CardNumberForBrand, EXPIRATION_DATE, ExpiryWindow, FundingAmount, JsonObjectField, VisaOnly } from "./rules";
import { SpendingControlsDto } from "./spending-controls.dto";
import { given } from "./validate";

export const CARD_TYPES = ["physical", "virtual"] as const;
export const CURRENCIES = ["NGN", "USD"] as const;
export const CARD_BRANDS = ["Verve", "MasterCard", "Visa", "AfriGo"] as const;
export const NEW_CARD_STATUSES = ["active", "inactive"] as const;
export const ISSUER_COUNTRIES = ["NGA", "USA"] as const;
export const LOSS_REASONS = ["lost", "stolen"] as const;

type Body = Partial<Record<keyof CreateCardDto, unknown>>;
// A card program supplies type, currency, brand and debit account (FACTS B.6), so those become optional with one.
const withoutProgram = (o: Body) => !given(o.programId);
const virtualWithoutProgram = (o: Body) => o.type === "virtual" && withoutProgram(o);
const replacing = (o: Body) => given(o.replacementFor) || given(o.replacementReason);
const mapping = (o: Body) => given(o.bankCode) || given(o.accountNumber);

/** `POST /cards` body, FACTS B.6 and B.10. Conditional rules use `@ValidateIf` so a missing partner reads "should not be empty". */
export class CreateCardDto {
  @IsNotEmpty() @IsMongoId() customerId!: string;

  @ValidateIf((o: Body) => withoutProgram(o) || given(o.type))
  @IsNotEmpty()
  @IsIn(CARD_TYPES)
  type?: CardType;

  @ValidateIf((o: Body) => withoutProgram(o) || given(o.currency))
  @IsNotEmpty()
  @IsIn(CURRENCIES)
  @Validate(BrandCurrency)
  currency?: CurrencyCode;

  @IsNotEmpty() @IsIn(NEW_CARD_STATUSES) status!: "active" | "inactive";

  @ValidateIf((o: Body) => given(o.brand) || virtualWithoutProgram(o))
  @IsNotEmpty()
  @IsIn(CARD_BRANDS)
  brand?: CardBrandName;

  @ValidateIf((o: Body) => given(o.number) || o.type === "physical")
  @IsNotEmpty()
  @IsString()
  @Validate(CardNumberForBrand)
  number?: string;

  @ValidateIf((o: Body) => given(o.debitAccountId) || virtualWithoutProgram(o))
  @IsNotEmpty()
  @IsMongoId()
  debitAccountId?: string;

  @ValidateIf((o: Body) => given(o.amount) || o.brand === "MasterCard")
  @IsInt()
  @Validate(FundingAmount)
  amount?: number;

  @IsOptional() @IsString() @Matches(EXPIRATION_DATE) @Validate(VisaOnly) @Validate(ExpiryWindow) expirationDate?: string;

  @ValidateIf(replacing) @IsNotEmpty() @IsMongoId() replacementFor?: string;
  @ValidateIf(replacing) @IsNotEmpty() @IsIn(LOSS_REASONS) replacementReason?: "lost" | "stolen";

  @ValidateIf(mapping) @IsNotEmpty() @IsString() bankCode?: string;
  @ValidateIf(mapping) @IsNotEmpty() @IsString() accountNumber?: string;

  @IsOptional() @IsMongoId() fundingSourceId?: string;
  @IsOptional() @IsMongoId() programId?: string;
  @IsOptional() @IsIn(ISSUER_COUNTRIES) issuerCountry?: "NGA" | "USA";
  @IsOptional() @IsBoolean() sendPINSMS?: boolean;
  @IsOptional() @IsBoolean() enable2FA?: boolean;

  @IsOptional() @JsonObjectField() metadata?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpendingControlsDto)
  spendingControls?: SpendingControlsDto;
}
