/** Shapes of our custom Store API routes (src/api/store/games, region-hint in the backend). */

export type Money = { amount: number; currency_code: string }

export type GameListItem = {
  id: string
  product_id: string
  variant_id: string
  title: string
  handle: string
  thumbnail: string | null
  genres: string[]
  tags: string[]
  developer: string
  publisher: string
  release_at: string
  platforms: string[]
  age_rating: number
  /** upper-case ISO codes */
  service_countries: string[]
  preorder_enabled: boolean
  released: boolean
  price: Money | null
  available_in_residence: boolean | null
}

/** What a game card shows: a list item, a search hit or a recommendation alike. */
export type CardGame = Pick<
  GameListItem,
  "id" | "handle" | "title" | "thumbnail" | "genres" | "release_at" | "released" | "preorder_enabled" | "service_countries" | "price"
>

export type GameSearchQuery = {
  q?: string
  genre?: string[]
  tag?: string[]
  status?: "released" | "upcoming"
  sort?: "relevance" | GameOrder
  country_code: string
  limit: number
  offset: number
}

export type GameSearch = {
  hits: (CardGame & { on_sale: boolean; title_ko: string | null; title_ja: string | null })[]
  total: number
  facets: { genre: { value: string; count: number }[]; tag: { value: string; count: number }[] }
  region: RegionRef
}

export type GameSuggestions = {
  suggestions: {
    id: string
    handle: string
    title: string
    /** The title in the script the query matched, with the matched parts as offsets into it. */
    text: string
    matches: { start: number; end: number }[]
    released: boolean
    price: Money | null
  }[]
}

export type RecommendationReason = {
  kind: "because_you_played" | "because_you_viewed" | "players_also_played" | "same_genre" | "new_in_genre" | "popular_in_genre" | "new_release"
  game?: { id: string; title: string; handle: string }
  genre?: string
  text: string
}

export type Recommendation = {
  game: { id: string; title: string; handle: string; thumbnail: string | null; genres: string[]; release_at: string; released: boolean }
  score: number
  reason: RecommendationReason
}

export type RegionRef = { id: string; name: string; currency_code: string }

export type GameList = { games: GameListItem[]; count: number; limit: number; offset: number; region: RegionRef }

export type PurchaseRefusal = "login_required" | "residence_required" | "country_not_served" | "not_released" | "no_price_in_region"

export type GameDetail = Omit<GameListItem, "price" | "available_in_residence"> & {
  published: boolean
  subtitle: string | null
  description: string | null
  images: string[]
  price:
    | (Money & {
        original_amount: number
        price_list_type: string | null
        /** not sent by the backend yet (see README of the storefront) */
        ends_at?: string | null
      })
    | null
  purchase: { allowed: boolean; reason: PurchaseRefusal | null; preorder: boolean }
}

export type GameResponse = { game: GameDetail; region: RegionRef; residence_country: string | null }

export type RegionHint = { country_code: string | null; region: RegionRef | null; source: "ip" | "none" }

export type GameOrder = "release_at" | "-release_at" | "price" | "-price" | "title" | "-title"

export type GameQuery = {
  q?: string
  genre?: string[]
  tag?: string[]
  status?: "released" | "upcoming"
  order?: GameOrder
  /** service country filter: only games sold there */
  country?: string
  /** pricing country */
  country_code?: string
  price_min?: number
  price_max?: number
  limit?: number
  offset?: number
}

export type Country = { code: string; currency: string; region_id: string | null; region_name: string | null }
