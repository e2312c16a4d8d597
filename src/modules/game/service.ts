import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { knexOf } from "../knex"
import Game from "./models/game"
import GamePrice from "./models/game-price"
import type { GameDetails } from "./types"

export type GameListOrder = "release_at" | "-release_at" | "price" | "-price" | "title" | "-title"

export type StoreGameFilters = {
  currency_code: string
  genre?: string[]
  tag?: string[]
  status?: "released" | "upcoming"
  price_min?: number
  price_max?: number
  country?: string
  q?: string
  order?: GameListOrder
  limit: number
  offset: number
  now?: Date
}

export type StoreGameRow = Omit<GameDetails, "download_asset"> & {
  id: string
  product_id: string
  variant_id: string | null
  title: string
  handle: string
  thumbnail: string | null
  amount: string | null
}

const ORDER_SQL: Record<GameListOrder, string> = {
  release_at: "g.release_at asc, g.id asc",
  "-release_at": "g.release_at desc, g.id desc",
  price: "p.amount asc nulls last, g.id asc",
  "-price": "p.amount desc nulls last, g.id desc",
  title: "g.title asc, g.id asc",
  "-title": "g.title desc, g.id desc",
}

class GameModuleService extends MedusaService({ Game, GamePrice }) {
  /**
   * Makes a game's base prices exactly `prices` (one row per currency). An upsert on the unique
   * (game_id, currency_code) index, so concurrent syncs of the same product cannot collide.
   */
  @InjectTransactionManager()
  async setGamePrices(
    gameId: string,
    prices: { currency_code: string; amount: number }[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    const bad = prices.find((p) => !Number.isFinite(p.amount) || p.amount < 0)
    if (bad) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Price must not be negative (${bad.currency_code}: ${bad.amount})`
      )
    }
    const db = knexOf(sharedContext)
    const currencies = prices.map((p) => p.currency_code)
    await db("game_price")
      .where("game_id", gameId)
      .whereNull("deleted_at")
      .modify((q) => (currencies.length ? q.whereNotIn("currency_code", currencies) : q))
      .delete()
    if (!prices.length) return
    await db.raw(
        `insert into game_price (id, game_id, currency_code, amount, raw_amount)
         values ${prices.map(() => "(?, ?, ?, ?, ?::jsonb)").join(", ")}
         on conflict (game_id, currency_code) where deleted_at is null
         do update set amount = excluded.amount, raw_amount = excluded.raw_amount, updated_at = now()
         where game_price.amount is distinct from excluded.amount`,
        prices.flatMap((p) => [
          generateEntityId(undefined, "gprice"),
          gameId,
          p.currency_code,
          p.amount,
          JSON.stringify({ value: String(p.amount), precision: 20 }),
        ])
      )
  }

  /**
   * The store's game list: filters, sort and page in one SQL round trip on this module's own
   * tables (count via a window function), so the hot path never walks product + pricing graphs.
   */
  @InjectManager()
  async listStoreGames(
    filters: StoreGameFilters,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ rows: StoreGameRow[]; count: number }> {
    const knex = knexOf(sharedContext)
    const now = filters.now ?? new Date()
    const q = knex("game as g")
      .leftJoin("game_price as p", function () {
        this.on("p.game_id", "g.id")
          .andOn("p.currency_code", knex.raw("?", [filters.currency_code]))
          .andOnNull("p.deleted_at")
      })
      .whereNull("g.deleted_at")
      .andWhere("g.published", true)

    if (filters.genre?.length) q.andWhereRaw("g.genres && ?::text[]", [filters.genre])
    if (filters.tag?.length) q.andWhereRaw("g.tags && ?::text[]", [filters.tag])
    if (filters.country) q.andWhereRaw("? = any(g.service_countries)", [filters.country])
    if (filters.status === "released") q.andWhere("g.release_at", "<=", now)
    if (filters.status === "upcoming") q.andWhere("g.release_at", ">", now)
    if (filters.price_min !== undefined) q.andWhere("p.amount", ">=", filters.price_min)
    if (filters.price_max !== undefined) q.andWhere("p.amount", "<=", filters.price_max)
    if (filters.q) q.andWhere("g.title", "ilike", `%${filters.q.replace(/[\\%_]/g, "\\$&")}%`)

    const rows = await q
      .clone()
      .select(
        "g.id",
        "g.product_id",
        "g.variant_id",
        "g.title",
        "g.handle",
        "g.thumbnail",
        "g.genres",
        "g.tags",
        "g.developer",
        "g.publisher",
        "g.release_at",
        "g.platforms",
        "g.age_rating",
        "g.service_countries",
        "g.preorder_enabled",
        "p.amount",
        knex.raw("count(*) over() as total_count")
      )
      .orderByRaw(ORDER_SQL[filters.order ?? "-release_at"])
      .limit(filters.limit)
      .offset(filters.offset)

    let count = rows.length ? Number(rows[0].total_count) : 0
    if (!rows.length && filters.offset > 0) {
      // Past the last page the window function has no row to ride on.
      const [{ total }] = await q.clone().count({ total: "*" })
      count = Number(total)
    }
    return {
      rows: rows.map(({ total_count, ...r }: any) => r as StoreGameRow),
      count,
    }
  }

  /**
   * The genres and tags of the published catalog (sold in `country` when given), each with how
   * many games carry it, most used first: the browse page's filter choices.
   */
  @InjectManager()
  async listGameFilters(
    filters: { country?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ genres: { value: string; count: number }[]; tags: { value: string; count: number }[] }> {
    const knex = knexOf(sharedContext)
    const country = filters.country ?? null
    const { rows } = await knex.raw(
      `select kind, value, count(*)::int as count
         from (select 'genre' as kind, unnest(genres) as value, service_countries from game where deleted_at is null and published
               union all
               select 'tag', unnest(tags), service_countries from game where deleted_at is null and published) v
        where ?::text is null or ?::text = any(service_countries)
        group by kind, value
        order by kind, count desc, value`,
      [country, country]
    )
    const of = (kind: string) => rows.filter((r: any) => r.kind === kind).map((r: any) => ({ value: r.value as string, count: r.count as number }))
    return { genres: of("genre"), tags: of("tag") }
  }
}

export default GameModuleService
