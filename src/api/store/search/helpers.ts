import type { SearchTypes } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { GAME_INDEX, indexedPriceField } from "../../../search/_game-fields"
import type { SearchSort, StoreSearchQueryType } from "../../utils/search-validators"

/** Where the caller is: the region's currency prices the hits, the country limits them. */
export type SearchPlace = { currency_code: string; country: string }

const FACET_LIMIT = 50

/** The price field of a currency, or a 400 when the index has none (filtering by it is impossible). */
function priceFieldOf(currency: string) {
  const field = indexedPriceField(currency)
  if (field) return field
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `Prices in ${currency.toUpperCase()} are not searchable`)
}

function order(sort: SearchSort | undefined, hasQuery: boolean, currency: string): SearchTypes.SearchPagination["order"] {
  const by = sort ?? (hasQuery ? "relevance" : "-release_at")
  // Relevance is the engines' default order (PostgreSQL breaks its ties by id).
  if (by === "relevance") return undefined
  const desc = by.startsWith("-")
  const field = by.replace(/^-/, "")
  const path = field === "price" ? priceFieldOf(currency) : field
  // The id makes the order total, so pages never repeat or skip a game.
  return { [path]: desc ? "DESC" : "ASC", id: "ASC" }
}

/** The Search Module query of `GET /store/search`. */
export function gameSearchQuery(input: StoreSearchQueryType, place: SearchPlace, now: Date): SearchTypes.SearchQuery {
  const q = input.q || undefined
  const filters: SearchTypes.SearchFilters = { service_countries: place.country }
  if (q) filters.q = q
  if (input.genre?.length) filters.genres = { $in: input.genre }
  if (input.tag?.length) filters.tags = { $in: input.tag }
  if (input.status) filters.release_at = input.status === "released" ? { $lte: now } : { $gt: now }
  if (input.on_sale !== undefined) filters.on_sale = input.on_sale
  if (input.price_min !== undefined || input.price_max !== undefined) {
    filters[priceFieldOf(place.currency_code)] = {
      ...(input.price_min !== undefined ? { $gte: input.price_min } : {}),
      ...(input.price_max !== undefined ? { $lte: input.price_max } : {}),
    }
  }
  return {
    entity: GAME_INDEX,
    filters,
    pagination: { skip: input.offset, take: input.limit, order: order(input.sort, !!q, place.currency_code) },
    search_options: {
      typo_tolerance: !!q,
      facets: [
        { field: "genres", limit: FACET_LIMIT },
        { field: "tags", limit: FACET_LIMIT },
      ],
      // A genre's count ignores the genre filter itself, so the other genres stay choosable.
      disjunctive_facets: true,
    },
  }
}

/** A document's price now in `currency`, or null when the index has none for it. */
export function indexedPrice(doc: Record<string, any>, currency: string) {
  const field = indexedPriceField(currency)
  const amount = field ? doc[field] : null
  return amount === null || amount === undefined ? null : { amount: Number(amount), currency_code: currency.toLowerCase() }
}

/** A hit as the store shows it: the document, its state now and the price in the caller's currency. */
export function storeHit(doc: Record<string, any>, currency: string, now: Date) {
  return {
    id: doc.id,
    product_id: doc.product_id,
    handle: doc.handle,
    title: doc.title,
    title_ko: doc.title_ko ?? null,
    title_ja: doc.title_ja ?? null,
    thumbnail: doc.thumbnail ?? null,
    genres: doc.genres ?? [],
    tags: doc.tags ?? [],
    developer: doc.developer,
    publisher: doc.publisher,
    release_at: doc.release_at,
    // From the date, not the stored flag: a game released since it was indexed is released.
    released: new Date(doc.release_at) <= now,
    on_sale: !!doc.on_sale,
    preorder_enabled: !!doc.preorder_enabled,
    service_countries: doc.service_countries ?? [],
    price: indexedPrice(doc, currency),
  }
}

export function facetValues(facet: SearchTypes.SearchFacetResult | undefined) {
  return facet?.type === "value" ? facet.values.map((v) => ({ value: v.value, count: v.count })) : []
}
