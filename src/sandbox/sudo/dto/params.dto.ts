import { Transform } from "class-transformer";
import { IsInt, IsMongoId, IsOptional, Max, Min } from "class-validator";

/** FACTS B.9: zero-based pages, at most 100 per page. */
export const DEFAULT_PAGE = 0;
export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

// Query values arrive as strings; whole numbers become numbers so `@Min`/`@Max` apply, anything else stays a
// string and fails `isInt`, which is what Nest's `@Type(() => Number)` + ValidationPipe report too.
const toInteger = ({ value }: { value: unknown }) => (typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value);

export class PageQueryDto {
  @IsOptional() @Transform(toInteger) @IsInt() @Min(0) page?: number;
  @IsOptional() @Transform(toInteger) @IsInt() @Min(1) @Max(MAX_LIMIT) limit?: number;
}

export class CardIdParams {
  @IsMongoId() id!: string;
}

export class CustomerIdParams {
  @IsMongoId() customerId!: string;
}
