import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../modules/game"
import type GameModuleService from "../modules/game/service"
import { emitGameListingChanged } from "../modules/game/events"
import { syncGameListingWorkflow } from "../workflows/game/sync-game-listing"

/** Twice the schedule, so a run that starts late or fails once still covers the window. */
const WINDOW_MS = 2 * 60_000

/**
 * Every minute: games whose sale or release state may have changed without an event re-sync
 * (which re-indexes them). Medusa 2.21 emits nothing when a price list is edited through
 * `POST /admin/price-lists/:id`, and nothing at all when a list's start or end time, or a game's
 * release time, simply passes; those are found here by their timestamps.
 */
export default async function refreshSaleFlagsJob(container: MedusaContainer, at?: unknown) {
  // Medusa's job loader passes its own second argument; only a test's Date is a time.
  const now = at instanceof Date ? at : new Date()
  const since = new Date(now.getTime() - WINDOW_MS)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: lists } = await query.graph({
    entity: "price_list",
    fields: ["id", "prices.price_set.variant.product_id"],
    filters: {
      $or: [
        { updated_at: { $gte: since } },
        { starts_at: { $gte: since, $lte: now } },
        { ends_at: { $gte: since, $lte: now } },
      ],
    },
    withDeleted: true,
  })
  const productIds = [
    ...new Set(lists.flatMap((l: any) => (l.prices ?? []).map((p: any) => p.price_set?.variant?.product_id)).filter(Boolean)),
  ] as string[]
  if (productIds.length) await syncGameListingWorkflow(container).run({ input: { product_ids: productIds } })

  const released = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ release_at: { $gte: since, $lte: now } }, { select: ["id"] })
  await emitGameListingChanged(container, released.map((g) => g.id))
}

export const config = {
  name: "refresh-sale-flags",
  schedule: "* * * * *",
}
