import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { syncGameListingWorkflow } from "../../workflows/game/sync-game-listing"
import { buildCatalog } from "./catalog"

const BATCH = 40

/**
 * Creates the catalog's games that do not exist yet (by handle). A product left without its game
 * details by an interrupted run is completed, never duplicated.
 */
export async function seedGames(
  container: MedusaContainer,
  opts: { count: number; sales_channel_id: string; now?: Date; progress?: (done: number, total: number) => void }
) {
  const catalog = buildCatalog(opts.count, opts.now ?? new Date())
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const gameService = container.resolve<GameModuleService>(GAME_MODULE)
  let created = 0

  for (let i = 0; i < catalog.length; i += BATCH) {
    const batch = catalog.slice(i, i + BATCH)
    const handles = batch.map((g) => g.handle)
    const { data: existing } = await query.graph({
      entity: "product",
      fields: ["id", "handle", "title", "game.id"],
      filters: { handle: handles },
    })
    const byHandle = new Map(existing.map((p: any) => [p.handle, p]))
    const toCreate = batch.filter((g) => !byHandle.has(g.handle))
    if (toCreate.length) {
      const { result } = await createProductsWorkflow(container).run({
        input: {
          products: toCreate.map((g) => ({
            title: g.title,
            handle: g.handle,
            description: g.description,
            status: "published" as const,
            sales_channels: [{ id: opts.sales_channel_id }],
            options: [{ title: "Edition", values: ["Standard"] }],
            variants: [
              {
                title: "Standard Edition",
                manage_inventory: false,
                options: { Edition: "Standard" },
                prices: g.prices,
              },
            ],
          })),
        },
      })
      for (const p of result) byHandle.set(p.handle, { ...p, game: null })
    }
    const withoutGame = batch.filter((g) => !byHandle.get(g.handle)?.game?.id)
    if (withoutGame.length) {
      const games = await gameService.createGames(
        withoutGame.map((g) => {
          const product = byHandle.get(g.handle)
          return { ...g.details, product_id: product.id, title: product.title, handle: g.handle }
        })
      )
      await link.create(
        games.map((game) => ({
          [Modules.PRODUCT]: { product_id: game.product_id },
          [GAME_MODULE]: { game_id: game.id },
        }))
      )
      await syncGameListingWorkflow(container).run({
        input: { product_ids: games.map((g) => g.product_id) },
      })
      created += games.length
    }
    opts.progress?.(Math.min(i + BATCH, catalog.length), catalog.length)
  }
  return { total: catalog.length, created }
}
