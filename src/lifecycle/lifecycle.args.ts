import { Type } from "class-transformer";
import { IsEnum, IsOptional, ValidateNested } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { ArgsType, Field, ID, registerEnumType } from "type-graphql";
import { SpendingControlsInput } from "../providers/sudo/spending-controls.input";
import { SudoMetadata } from "../providers/sudo/metadata.rule";
import { AllowsLineBreaks } from "../cards/validation";

/** Why a card is canceled (Sudo's `cancellationReason`, FACTS E.2). */
export enum CancellationReason {
  LOST = "LOST",
  STOLEN = "STOLEN",
}

registerEnumType(CancellationReason, { name: "CancellationReason", description: "Why the card is canceled." });

const KEY = "Unique per logical change, at most 255 printable ASCII characters; a retry with the same key and arguments replays the answer.";

@ArgsType()
export class CancelCardArgs {
  @Field(() => String, { description: KEY })
  idempotencyKey!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => CancellationReason)
  @IsEnum(CancellationReason, { message: "$property must be a CancellationReason value" })
  reason!: CancellationReason;

  @Field(() => ID, { nullable: true, description: "The account that receives the card's remaining balance (Sudo requires it)." })
  creditAccountId?: string | null;
}

@ArgsType()
export class UpdateCardControlsArgs {
  @Field(() => String, { description: KEY })
  idempotencyKey!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => SpendingControlsInput, { nullable: true, description: "Replaces the card's spending controls; omitted keeps them." })
  @IsOptional()
  @ValidateNested()
  @Type(() => SpendingControlsInput)
  spendingControls?: SpendingControlsInput | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Replaces the caller's metadata (flat, at most 50 keys, 4 KB as JSON); null clears it, omitted keeps it.",
  })
  @AllowsLineBreaks()
  @IsOptional()
  @SudoMetadata()
  metadata?: Record<string, unknown> | null;
}
