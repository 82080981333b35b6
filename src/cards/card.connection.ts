import { Field, ObjectType } from "type-graphql";
import { BadUserInputError } from "../errors";
import { Card } from "./card.type";

// simpleResolvers: plain properties, as in card.type.ts.
@ObjectType({ description: "Relay-style page information.", simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class CardEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Card) node!: Card;
}

@ObjectType({ description: "A customer's cards, newest first.", simpleResolvers: true })
export class CardConnection {
  @Field(() => [CardEdge]) edges!: CardEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface CardCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to clients; (createdAt, id) keeps paging stable while new cards are issued. */
export function encodeCursor(card: { createdAt: Date; id: string }): string {
  return Buffer.from(`${card.createdAt.toISOString()}|${card.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, field = "after"): CardCursor | null {
  if (cursor === null || cursor === undefined) return null;
  const text = cursor.length <= 200 ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const [iso, id, extra] = text.split("|");
  const createdAt = new Date(iso ?? "");
  // Only the exact form encodeCursor writes: a year such as -010000 parses in JavaScript but not in the store.
  const canonical = !Number.isNaN(createdAt.getTime()) && /^\d{4}-/.test(iso ?? "") && createdAt.toISOString() === iso;
  if (extra !== undefined || !id || !/^crd_[0-9a-z]+$/.test(id) || !canonical) {
    throw new BadUserInputError([{ field, rule: "isCursor", message: `${field} is not a cursor this API returned` }]);
  }
  return { createdAt, id };
}

export function checkPageSize(first: number | null | undefined, field = "first"): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError([{ field, rule: "range", message: `${field} must be from 1 to ${MAX_PAGE_SIZE}` }]);
  }
  return size;
}

export function toConnection(cards: Card[], hasNextPage: boolean): CardConnection {
  const edges = cards.map((node) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
