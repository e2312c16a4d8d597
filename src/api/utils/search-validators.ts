import { z } from "@medusajs/framework/zod"
import { countryCode, entityId, LIMITS, listParam, slug } from "./validators"

/** `relevance` needs a query; without one the newest games come first. */
export const SEARCH_SORTS = ["relevance", "release_at", "-release_at", "price", "-price", "title", "-title"] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

/** Search engines page shallowly (Meilisearch answers at most 1000 hits by default). */
const MAX_SEARCH_OFFSET = 1_000

const money = z.coerce.number().finite().nonnegative().max(LIMITS.money)
const bool = z.enum(["true", "false"]).transform((v) => v === "true")
const where = { region_id: entityId.optional(), country_code: countryCode.optional() }

export const StoreSearchQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    genre: listParam(slug).optional(),
    tag: listParam(slug).optional(),
    price_min: money.optional(),
    price_max: money.optional(),
    status: z.enum(["released", "upcoming"]).optional(),
    on_sale: bool.optional(),
    sort: z.enum(SEARCH_SORTS).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    offset: z.coerce.number().int().min(0).max(MAX_SEARCH_OFFSET).default(0),
    ...where,
  })
  .strict()
  .refine((q) => q.price_min === undefined || q.price_max === undefined || q.price_min <= q.price_max, {
    message: "price_min must not exceed price_max",
  })
export type StoreSearchQueryType = z.infer<typeof StoreSearchQuery>

export const StoreSuggestQuery = z
  .object({
    q: z.string().trim().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(20).default(8),
    ...where,
  })
  .strict()
export type StoreSuggestQueryType = z.infer<typeof StoreSuggestQuery>
