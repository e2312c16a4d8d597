import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { emitGameListingChanged } from "../../modules/game/events"

export type SyncGameListingInput = { product_ids: string[] }

type ListingSnapshot = {
  fields: {
    id: string
    title: string
    handle: string
    thumbnail: string | null
    published: boolean
    variant_id: string | null
  }
  prices: { currency_code: string; amount: number }[]
}

type Price = { amount: number; currency_code: string; price_list_id?: string | null; rules_count?: number }

/** Base prices only: price-list and rule-bound prices are applied at checkout, not in the list. */
export function basePrices(prices: Price[]) {
  const byCurrency = new Map<string, number>()
  for (const p of prices ?? []) {
    if (p.price_list_id || (p.rules_count ?? 0) > 0) continue
    byCurrency.set(p.currency_code.toLowerCase(), Number(p.amount))
  }
  return byCurrency
}

/**
 * Copies the linked products' title, handle, thumbnail, status, default variant and base prices
 * into the game read model. Idempotent: it only ever makes the copy equal to the source.
 */
export const syncGameListingStep = createStep(
  "sync-game-listing",
  async (input: SyncGameListingInput, { container }) => {
    const productIds = [...new Set(input.product_ids)]
    const none: ListingSnapshot[] = []
    if (!productIds.length) return new StepResponse({ synced: 0 }, none)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const gameService = container.resolve<GameModuleService>(GAME_MODULE)

    const games = await gameService.listGames({ product_id: productIds }, { relations: ["prices"] })
    if (!games.length) return new StepResponse({ synced: 0 }, none)
    const previous: ListingSnapshot[] = games.map((g) => ({
      fields: {
        id: g.id,
        title: g.title,
        handle: g.handle,
        thumbnail: g.thumbnail,
        published: g.published,
        variant_id: g.variant_id,
      },
      prices: (g.prices ?? []).map((p) => ({ currency_code: p.currency_code, amount: Number(p.amount) })),
    }))
    const { data: products } = await query.graph({
      entity: "product",
      fields: [
        "id",
        "title",
        "handle",
        "thumbnail",
        "status",
        "variants.id",
        "variants.variant_rank",
        "variants.created_at",
        "variants.prices.amount",
        "variants.prices.currency_code",
        "variants.prices.price_list_id",
        "variants.prices.rules_count",
      ],
      filters: { id: games.map((g) => g.product_id) },
    })
    const productById = new Map(products.map((p: any) => [p.id, p]))

    const updates: any[] = []
    const prices: [string, { currency_code: string; amount: number }[]][] = []
    for (const game of games) {
      const product: any = productById.get(game.product_id)
      if (!product) {
        updates.push({ id: game.id, published: false })
        continue
      }
      const variant = [...(product.variants ?? [])].sort(
        (a: any, b: any) =>
          (a.variant_rank ?? 0) - (b.variant_rank ?? 0) ||
          String(a.created_at).localeCompare(String(b.created_at))
      )[0]
      updates.push({
        id: game.id,
        title: product.title,
        handle: product.handle,
        thumbnail: product.thumbnail ?? null,
        published: product.status === "published",
        variant_id: variant?.id ?? null,
      })
      const wanted = basePrices(variant?.prices ?? [])
      prices.push([game.id, [...wanted].map(([currency_code, amount]) => ({ currency_code, amount }))])
    }
    await gameService.updateGames(updates)
    for (const [gameId, list] of prices) await gameService.setGamePrices(gameId, list)
    await emitGameListingChanged(container, games.map((g) => g.id))
    return new StepResponse({ synced: games.length }, previous)
  },
  // The copy goes back to what it was, since the source's own compensation restores the source.
  async (previous: ListingSnapshot[] | undefined, { container }) => {
    if (!previous?.length) return
    const gameService = container.resolve<GameModuleService>(GAME_MODULE)
    await gameService.updateGames(previous.map((p) => p.fields))
    for (const p of previous) await gameService.setGamePrices(p.fields.id, p.prices)
    await emitGameListingChanged(container, previous.map((p) => p.fields.id))
  }
)
