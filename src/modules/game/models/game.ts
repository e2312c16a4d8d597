import { model } from "@medusajs/framework/utils"
import GamePrice from "./game-price"

/** Minimum player age; 0 means suitable for all ages (PEGI/GRAC/CERO steps). */
export const AGE_RATINGS = [0, 3, 7, 12, 15, 16, 18] as const
export const PLATFORMS = ["windows", "macos", "linux", "steamdeck", "cloud"] as const

/**
 * Game details beside Medusa's product. `product_id`, `variant_id`, `title`, `handle`, `thumbnail`
 * and `published` mirror the linked product (kept in sync by sync-game-listing) so the store's game
 * list is one query on this module's tables instead of a graph walk over product + pricing.
 */
const Game = model
  .define("game", {
    id: model.id({ prefix: "game" }).primaryKey(),
    product_id: model.text().unique(),
    variant_id: model.text().nullable(),
    title: model.text().searchable(),
    // The store's search matches players typing in their own script; most games have neither.
    title_ko: model.text().nullable(),
    title_ja: model.text().nullable(),
    handle: model.text().unique(),
    thumbnail: model.text().nullable(),
    published: model.boolean().default(true),
    genres: model.array().default([]),
    tags: model.array().default([]),
    developer: model.text(),
    publisher: model.text(),
    release_at: model.dateTime(),
    platforms: model.array().default([]),
    age_rating: model.number().default(0),
    service_countries: model.array(),
    download_asset: model.text().nullable(),
    preorder_enabled: model.boolean().default(false),
    prices: model.hasMany(() => GamePrice, { mappedBy: "game" }),
  })
  .cascades({ delete: ["prices"] })
  .indexes([{ on: ["release_at"] }, { on: ["title"] }])

export default Game
