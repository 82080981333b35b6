import { Type } from "class-transformer";
import { isEnum, isInt, isMongoId, IsBoolean, IsEnum, IsMongoId, IsOptional, ValidateNested } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";
import { AllowsLineBreaks } from "../../cards/validation";
import { SUDO_CONTRACT, SUDO_LIMITS } from "./contract";
import { IsExpirationDate, NotInPast, WithinMaxValidity } from "./expiration.rule";
import { SudoMetadata } from "./metadata.rule";
import { IfPresent, isPresent, RequiredWhen, RequiredWith } from "./rules";
import { SpendingControlsInput } from "./spending-controls.input";
import { SudoCardBrand, SudoCardCurrency, SudoCardStatus, SudoCardType, SudoIssuerCountry, SudoReplacementReason } from "./sudo.enums";

// The conditions of FACTS B.6/B.10, read from the object being validated.
type Sibling = Record<string, unknown>;
const virtualWithoutProgram = (o: Sibling) => o.type === SudoCardType.VIRTUAL && !isPresent(o.programId);
const physical = (o: Sibling) => o.type === SudoCardType.PHYSICAL;
const mastercard = (o: Sibling) => o.brand === SudoCardBrand.MASTERCARD;
const domesticBrand = (o: Sibling) => o.brand === SudoCardBrand.VERVE || o.brand === SudoCardBrand.AFRIGO;
/** MasterCard cards are funded at issue; other brands may start empty (FACTS B.6). */
const minimumAmount = (o: Sibling) => (mastercard(o) ? 1 : 0);

const PAN = /^\d{16,19}$/;
const mongoId = { message: "$property must be a 24-character hexadecimal id" };
const oneOf = (e: object) => `$property must be one of ${Object.keys(e).join(", ")}`;

/** A Visa maps by Card ID (any text); every other brand maps by PAN (FACTS B.6). */
function isCardNumber(value: unknown, o: Sibling): boolean {
  if (typeof value !== "string") return false;
  return o.brand === SudoCardBrand.VISA ? value.trim() !== "" && value.length <= SUDO_LIMITS.maxNumberLength : PAN.test(value);
}

@InputType({ description: "A card issued through Sudo Africa. Every field of Sudo's create-card request, in GraphQL style." })
export class SudoCardInput {
  @Field(() => ID, { description: "The Sudo customer's _id (24 hexadecimal characters); also the platform customer." })
  @IsMongoId(mongoId)
  customerId!: string;

  @Field(() => SudoCardType, { defaultValue: SudoCardType.PHYSICAL, description: "Physical or virtual. Sudo's default: PHYSICAL." })
  @IsEnum(SudoCardType, { message: oneOf(SudoCardType) })
  type!: SudoCardType;

  @Field(() => SudoCardBrand, { nullable: true, description: "The card scheme. Required for virtual cards unless programId is given." })
  @RequiredWhen("requiredForVirtual", virtualWithoutProgram, "$property is required for a virtual card without a programId")
  @IfPresent("isEnum", (v) => isEnum(v, SudoCardBrand), oneOf(SudoCardBrand))
  brand?: SudoCardBrand | null;

  @Field(() => SudoCardCurrency, {
    defaultValue: SudoCardCurrency.NGN,
    description: "The card currency. VERVE and AFRIGO cards are NGN only. Sudo's default: NGN.",
  })
  @IsEnum(SudoCardCurrency, { message: oneOf(SudoCardCurrency) })
  @IfPresent("brandCurrency", (v, o) => !isEnum(v, SudoCardCurrency) || !domesticBrand(o) || v === SudoCardCurrency.NGN, (o) =>
    `$property must be NGN for ${String(o.brand)} cards`,
  )
  currency!: SudoCardCurrency;

  @Field(() => SudoCardStatus, {
    defaultValue: SudoCardStatus.ACTIVE,
    description: "The status the card is created in. Sudo's default: ACTIVE.",
  })
  @IsEnum(SudoCardStatus, { message: oneOf(SudoCardStatus) })
  status!: SudoCardStatus;

  @Field(() => SudoIssuerCountry, { defaultValue: SudoIssuerCountry.NGA, description: "The issuer's country. Sudo's default: NGA." })
  @IsEnum(SudoIssuerCountry, { message: oneOf(SudoIssuerCountry) })
  issuerCountry!: SudoIssuerCountry;

  @Field(() => String, {
    nullable: true,
    description: "Required for physical cards: the 16 to 19 digit PAN printed on the card, or the Card ID for VISA.",
  })
  @RequiredWhen("requiredForPhysical", physical, "$property is required for a physical card")
  @IfPresent("isCardNumber", isCardNumber, (o) =>
    o.brand === SudoCardBrand.VISA
      ? `$property must be the Visa Card ID, 1 to ${SUDO_LIMITS.maxNumberLength} characters`
      : "$property must be the 16 to 19 digit card number",
  )
  number?: string | null;

  @Field(() => ID, { nullable: true, description: "The funding source _id. Sudo uses the business's default funding source when omitted." })
  @IsOptional()
  @IsMongoId(mongoId)
  fundingSourceId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The settlement account _id charged at issue. Required for virtual cards unless programId is given.",
  })
  @RequiredWhen("requiredForVirtual", virtualWithoutProgram, "$property is required for a virtual card without a programId")
  @IfPresent("isMongoId", isMongoId, mongoId.message)
  debitAccountId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Whole amount to fund the card with at issue, 0 or more. Required (at least 1) for MASTERCARD.",
  })
  @RequiredWhen("requiredForMastercard", mastercard, "$property is required for a MasterCard card")
  @IfPresent("isInt", isInt, "$property must be a whole number")
  @IfPresent("min", (v, o) => typeof v === "number" && v >= minimumAmount(o), (o) => `$property must be at least ${minimumAmount(o)}`)
  amount?: number | null;

  @Field(() => String, {
    nullable: true,
    description: `VISA only: the expiry month as MMM-YYYY (e.g. AUG-2027), from this month to ${SUDO_LIMITS.maxValidityMonths} months ahead.`,
  })
  @IsOptional()
  @IfPresent("visaOnly", (_v, o) => o.brand === SudoCardBrand.VISA, "$property applies to VISA cards only")
  @IsExpirationDate()
  @NotInPast()
  @WithinMaxValidity()
  expirationDate?: string | null;

  @Field(() => String, { nullable: true, description: "Bank code of an existing account to map the card to; with accountNumber." })
  @RequiredWith("accountNumber")
  @IfPresent("bankCodeFormat", (v) => typeof v === "string" && /^\d{3,6}$/.test(v), "$property must be 3 to 6 digits")
  bankCode?: string | null;

  @Field(() => String, { nullable: true, description: "The 10-digit NUBAN of an existing account to map the card to; with bankCode." })
  @RequiredWith("bankCode")
  @IfPresent("nuban", (v) => typeof v === "string" && /^\d{10}$/.test(v), "$property must be a 10-digit NUBAN account number")
  accountNumber?: string | null;

  @Field(() => ID, { nullable: true, description: "The _id of the card this one replaces; with replacementReason." })
  @RequiredWith("replacementReason")
  @IfPresent("isMongoId", isMongoId, mongoId.message)
  replacementFor?: string | null;

  @Field(() => SudoReplacementReason, { nullable: true, description: "Why the card in replacementFor is replaced; with replacementFor." })
  @RequiredWith("replacementFor")
  @IfPresent("isEnum", (v) => isEnum(v, SudoReplacementReason), oneOf(SudoReplacementReason))
  replacementReason?: SudoReplacementReason | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      `Flat key/value data stored with the card: at most ${SUDO_LIMITS.maxMetadataKeys} keys of up to ` +
      `${SUDO_LIMITS.maxMetadataKeyLength} characters, scalar values, ${SUDO_LIMITS.maxMetadataBytes} bytes as JSON. ` +
      `The key ${SUDO_CONTRACT.reservedMetadataKey} is reserved, and so are __proto__, constructor and prototype. ` +
      "String values may span lines; keys may not.",
  })
  @AllowsLineBreaks()
  @IsOptional()
  @SudoMetadata()
  metadata?: Record<string, unknown> | null;

  @Field(() => SpendingControlsInput, {
    nullable: true,
    description: "Channels, merchant categories and caps. Sudo's defaults apply when omitted.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SpendingControlsInput)
  spendingControls?: SpendingControlsInput | null;

  @Field(() => Boolean, { defaultValue: false, description: "Text the default PIN to the customer's phone. Sudo's default: false." })
  @IsBoolean({ message: "$property must be true or false" })
  sendPinSms!: boolean;

  @Field(() => Boolean, { nullable: true, description: "Require a one-time password for web and mobile payments." })
  @IsOptional()
  @IsBoolean({ message: "$property must be true or false" })
  enable2FA?: boolean | null;

  @Field(() => ID, { nullable: true, description: "A card program _id; the program supplies brand, funding, debit account and controls." })
  @IsOptional()
  @IsMongoId(mongoId)
  programId?: string | null;
}
