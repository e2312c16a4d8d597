export type GameDetails = {
  genres: string[]
  tags: string[]
  developer: string
  publisher: string
  release_at: Date
  platforms: string[]
  age_rating: number
  service_countries: string[]
  download_asset?: string | null
  preorder_enabled: boolean
  /** Korean and Japanese titles, searched beside the product's title. */
  title_ko?: string | null
  title_ja?: string | null
}

export type GamePriceInput = { currency_code: string; amount: number }

/** The fields staff edit as "game details" (the rest of a game mirrors its product). */
export const GAME_DETAIL_KEYS = [
  "genres",
  "tags",
  "developer",
  "publisher",
  "release_at",
  "platforms",
  "age_rating",
  "service_countries",
  "download_asset",
  "preorder_enabled",
  "title_ko",
  "title_ja",
] as const satisfies readonly (keyof GameDetails)[]

/** The product-mirrored fields of a game. */
export const GAME_LISTING_KEYS = ["id", "product_id", "variant_id", "title", "handle", "thumbnail", "published"] as const

/** What a player may see: everything but the download asset, which is handed out by signed link. */
export const STORE_GAME_FIELDS = [
  ...GAME_LISTING_KEYS,
  ...GAME_DETAIL_KEYS.filter((k) => k !== "download_asset"),
]
