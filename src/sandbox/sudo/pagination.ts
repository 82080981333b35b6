import { DEFAULT_LIMIT, DEFAULT_PAGE, PageQueryDto } from "./dto/params.dto";
import { validateDto } from "./dto/validate";
import { invalid, ok, type Reply } from "./replies";

/**
 * One page of a list reply (FACTS B.3/B.9): zero-based `page`, and `page`/`limit` echoed back as the strings the
 * caller sent (the defaults as strings when absent), as Sudo's docs show them.
 */
export function pageReply<T>(message: string, items: readonly T[], query: URLSearchParams, present: (item: T) => unknown): Reply {
  const raw = { page: query.get("page") ?? undefined, limit: query.get("limit") ?? undefined };
  const parsed = validateDto(PageQueryDto, raw);
  if (!parsed.ok) return invalid(parsed.errors);
  const page = parsed.dto.page ?? DEFAULT_PAGE;
  const limit = parsed.dto.limit ?? DEFAULT_LIMIT;
  return ok(message, items.slice(page * limit, (page + 1) * limit).map(present), {
    pagination: {
      total: items.length,
      pages: Math.ceil(items.length / limit),
      page: raw.page ?? String(DEFAULT_PAGE),
      limit: raw.limit ?? String(DEFAULT_LIMIT),
    },
  });
}
