import { Transform, Type } from "class-transformer";
import { IsIn, IsMongoId, IsNotEmpty, IsObject, IsOptional, ValidateIf, ValidateNested } from "class-validator";
import type { CardStatusName } from "../store";
import { LOSS_REASONS } from "./create-card.dto";
import { parseMetadata } from "./rules";
import { SpendingControlsDto } from "./spending-controls.dto";
import { given } from "./validate";

export const CARD_STATUSES = ["active", "inactive", "canceled"] as const;

type Body = Partial<Record<keyof UpdateCardDto, unknown>>;
const canceling = (o: Body) => o.status === "canceled";

/** `PUT /cards/{id}` body (FACTS B.5): cancelling names a reason and the account that receives the card's balance. */
export class UpdateCardDto {
  @IsNotEmpty() @IsIn(CARD_STATUSES) status!: CardStatusName;

  @ValidateIf((o: Body) => canceling(o) || given(o.cancellationReason))
  @IsNotEmpty()
  @IsIn(LOSS_REASONS)
  cancellationReason?: "lost" | "stolen";

  @ValidateIf((o: Body) => canceling(o) || given(o.creditAccountId))
  @IsNotEmpty()
  @IsMongoId()
  creditAccountId?: string;

  @IsOptional() @IsMongoId() fundingSourceId?: string;

  @IsOptional() @Transform(parseMetadata) @IsObject() metadata?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpendingControlsDto)
  spendingControls?: SpendingControlsDto;
}
