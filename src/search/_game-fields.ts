import type { SearchTypes } from "@medusajs/framework/types"
import { search } from "@medusajs/framework/utils"
import { KSTORE_MEILISEARCH } from "../modules/search-meilisearch/constants"
import { KSTORE_PG_SEARCH } from "../modules/search-pg/constants"
import { GAME_SYNONYMS } from "./_game-synonyms"

/** The search index of the store's games (its name is what `search({ entity })` resolves). */
export const GAME_INDEX = "game"

/**
 * The currencies of the store's regions. Each gets a price field of its own, so a region filters
 * and sorts by the price it sells at; a currency added to the store needs adding here (which
 * changes the definition's hash, and `db:migrate` builds the index anew with it).
 */
export const PRICE_CURRENCIES = ["usd", "eur", "gbp", "krw", "jpy", "brl"] as const

export const priceField = (currency: string) => `price_${currency.toLowerCase()}`

/** The price field of a currency the index carries, else null. */
export const indexedPriceField = (currency: string) =>
  (PRICE_CURRENCIES as readonly string[]).includes(currency.toLowerCase()) ? priceField(currency) : null

const price = () => search.float().filterable().sortable()

/** Weights: a title (any script) over genres over tags over studio names. */
export const gameSearchFields = search.define({
  id: search.keyword().filterable().sortable(),
  product_id: search.keyword(),
  handle: search.keyword(),
  thumbnail: search.keyword(),
  title: search.text().searchable({ weight: 3 }).sortable(),
  title_ko: search.text().searchable({ weight: 3 }),
  title_ja: search.text().searchable({ weight: 3 }),
  genres: search.keyword().array().searchable({ weight: 2 }).filterable().facetable(),
  tags: search.keyword().array().searchable({ weight: 1.5 }).filterable().facetable(),
  developer: search.text().searchable(),
  publisher: search.text().searchable(),
  release_at: search.date().filterable().sortable(),
  released: search.boolean().filterable(),
  on_sale: search.boolean().filterable(),
  preorder_enabled: search.boolean(),
  service_countries: search.keyword().array().filterable(),
  // One per PRICE_CURRENCIES entry (spelled out so the document type knows them).
  price_usd: price(),
  price_eur: price(),
  price_gbp: price(),
  price_krw: price(),
  price_jpy: price(),
  price_brl: price(),
})

export type GameDocument = SearchTypes.InferSearchDocumentType<typeof gameSearchFields>

/** Typos from four letters on ("wticher" finds "Witcher"); synonyms for both providers. */
export const GAME_INDEX_SETTINGS: SearchTypes.SearchIndexSettings = {
  typo_tolerance: { enabled: true, min_word_size_for_one_typo: 4, min_word_size_for_two_typos: 8 },
  // Both read the same groups: Meilisearch as index settings, ours at query time.
  provider_options: {
    [KSTORE_PG_SEARCH]: { synonyms: GAME_SYNONYMS },
    [KSTORE_MEILISEARCH]: { synonyms: GAME_SYNONYMS },
  },
}
