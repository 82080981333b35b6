import { Type } from "class-transformer";
import { IsIn, IsJSON, IsMongoId, IsNotEmpty, IsObject, IsOptional, IsString, ValidateIf, ValidateNested } from "class-validator";
import type { CardStatusName } from "../store";
import { LOSS_REASONS } from "./create-card.dto";
import { IsJsonObjectText } from "./rules";
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

  /**
   * FACTS E.2: `string, format: json` on update. Our client sends exactly that, so the simulator accepts only that
   * (a JSON object encoded as a string), never the bare object create takes.
   */
  @IsOptional() @IsString() @IsJSON() @IsJsonObjectText() metadata?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpendingControlsDto)
  spendingControls?: SpendingControlsDto;
}
