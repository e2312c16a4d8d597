import type { RemoteQueryFunction, SearchTypes } from "@medusajs/framework/types"
import { PRICE_CURRENCIES, priceField, type GameDocument } from "./_game-fields"

/** What the index reads of a game (the game module's read model: product copy, details, prices). */
export const GAME_GRAPH_FIELDS = [
  "id",
  "product_id",
  "variant_id",
  "title",
  "title_ko",
  "title_ja",
  "handle",
  "thumbnail",
  "published",
  "genres",
  "tags",
  "developer",
  "publisher",
  "release_at",
  "preorder_enabled",
  "service_countries",
  "prices.currency_code",
  "prices.amount",
]

type GameRow = Record<string, any>

/** Sale amounts per currency of one variant, from the sale price lists running now. */
export type SalePrices = Map<string, Map<string, number>>

/**
 * The sale prices running now for the default variants among `variantIds`. Base prices are in the
 * game's own tables; sale prices are Medusa's price lists, read here in two queries a page. They
 * are read from the lists' side: a variant's (and a price set's) `prices` hold base prices only.
 */
export async function salePricesOf(query: Pick<RemoteQueryFunction, "graph">, variantIds: string[], now: Date): Promise<SalePrices> {
  const sales: SalePrices = new Map()
  if (!variantIds.length) return sales
  const { data: variants } = await query.graph({
    entity: "variant",
    fields: ["id", "price_set.id"],
    filters: { id: variantIds },
  })
  const variantOfSet = new Map<string, string>(
    variants.filter((v: any) => v.price_set?.id).map((v: any) => [v.price_set.id, v.id])
  )
  if (!variantOfSet.size) return sales
  const { data: lists } = await query.graph({
    entity: "price_list",
    fields: ["id", "starts_at", "ends_at", "prices.price_set_id", "prices.currency_code", "prices.amount"],
    filters: { type: "sale", status: "active" },
  })
  for (const list of lists as any[]) {
    if ((list.starts_at && new Date(list.starts_at) > now) || (list.ends_at && new Date(list.ends_at) <= now)) continue
    for (const price of list.prices ?? []) {
      const variant = variantOfSet.get(price.price_set_id)
      if (!variant) continue
      const amounts = sales.get(variant) ?? new Map<string, number>()
      const currency = String(price.currency_code).toLowerCase()
      const amount = Number(price.amount)
      // Two lists pricing the same game: the player pays the lower, as Medusa's pricing picks it.
      if (!(amounts.get(currency)! <= amount)) amounts.set(currency, amount)
      sales.set(variant, amounts)
    }
  }
  return sales
}

/**
 * One game's document: its own fields, release state, sale flag and, per currency, the price a
 * player pays now (a running sale's, where it is lower), so filters and sorts use that price.
 */
export function gameDocument(row: GameRow, sale: Map<string, number> | undefined, now: Date): GameDocument {
  const releaseAt = new Date(row.release_at)
  const prices = new Map<string, number>((row.prices ?? []).map((p: any) => [String(p.currency_code).toLowerCase(), Number(p.amount)]))
  for (const [currency, amount] of sale ?? []) {
    if (!(prices.get(currency)! <= amount)) prices.set(currency, amount)
  }
  return {
    id: row.id,
    product_id: row.product_id,
    handle: row.handle,
    thumbnail: row.thumbnail ?? null,
    title: row.title,
    title_ko: row.title_ko ?? null,
    title_ja: row.title_ja ?? null,
    genres: row.genres ?? [],
    tags: row.tags ?? [],
    developer: row.developer,
    publisher: row.publisher,
    release_at: releaseAt.toISOString(),
    released: releaseAt <= now,
    on_sale: !!sale?.size,
    preorder_enabled: !!row.preorder_enabled,
    service_countries: row.service_countries ?? [],
    ...Object.fromEntries(PRICE_CURRENCIES.map((c) => [priceField(c), prices.get(c) ?? null])),
  }
}

/**
 * A page of games as documents. An unpublished game gets none, which Medusa's graph helpers turn
 * into a delete, so a game taken off sale leaves the index.
 */
export async function toGameDocuments(rows: GameRow[], context: SearchTypes.SearchIngestionContext) {
  const now = new Date()
  const published = rows.filter((r) => r.published)
  const sales = await salePricesOf(context.container.query, published.map((r) => r.variant_id).filter(Boolean), now)
  return published.map((r) => gameDocument(r, r.variant_id ? sales.get(r.variant_id) : undefined, now))
}
