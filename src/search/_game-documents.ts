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
  "service_countries",
  "prices.currency_code",
  "prices.amount",
]

type GameRow = Record<string, any>

/**
 * The default variants among `variantIds` that a sale price list prices right now. Base prices are
 * in the game's own tables; sale prices are Medusa's price lists, read here in two queries a page.
 * They are read from the lists' side: a variant's (and a price set's) `prices` hold base prices only.
 */
export async function variantsOnSale(query: RemoteQueryFunction, variantIds: string[], now: Date) {
  if (!variantIds.length) return new Set<string>()
  const { data: variants } = await query.graph({
    entity: "variant",
    fields: ["id", "price_set.id"],
    filters: { id: variantIds },
  })
  const variantOfSet = new Map<string, string>(
    variants.filter((v: any) => v.price_set?.id).map((v: any) => [v.price_set.id, v.id])
  )
  if (!variantOfSet.size) return new Set<string>()
  const { data: lists } = await query.graph({
    entity: "price_list",
    fields: ["id", "starts_at", "ends_at", "prices.price_set_id"],
    filters: { type: "sale", status: "active" },
  })
  const onSale = new Set<string>()
  for (const list of lists as any[]) {
    if ((list.starts_at && new Date(list.starts_at) > now) || (list.ends_at && new Date(list.ends_at) <= now)) continue
    for (const price of list.prices ?? []) {
      const variant = variantOfSet.get(price.price_set_id)
      if (variant) onSale.add(variant)
    }
  }
  return onSale
}

/** One game's document: its own fields, release state, sale flag and a price field per currency. */
export function gameDocument(row: GameRow, onSale: boolean, now: Date): GameDocument {
  const releaseAt = new Date(row.release_at)
  const prices = new Map<string, number>((row.prices ?? []).map((p: any) => [String(p.currency_code).toLowerCase(), Number(p.amount)]))
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
    on_sale: onSale,
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
  const sale = await variantsOnSale(context.container.query, published.map((r) => r.variant_id).filter(Boolean), now)
  return published.map((r) => gameDocument(r, !!r.variant_id && sale.has(r.variant_id), now))
}
