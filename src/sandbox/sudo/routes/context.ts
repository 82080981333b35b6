import type { Reply } from "../replies";
import type { SudoStore } from "../store";

export interface RouteContext {
  store: SudoStore;
  /** Path parameters by name, e.g. `{ id }` for `/cards/:id`. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; `{}` when there was none. */
  body: Record<string, unknown>;
  /** Signs the card tokens `GET /cards/:id/token` hands out. */
  jwtSecret: string;
}

export type RouteHandler = (ctx: RouteContext) => Reply;
