import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import { createGameStep } from "../steps/create-game"
import { updateGameStep } from "../steps/update-game"
import { syncGameListingStep } from "../steps/sync-game-listing"
import type { GameDetails } from "./types"

export const upsertProductGameWorkflowId = "upsert-product-game"

/** Game details of an existing product (the admin widget): creates them the first time. */
export const upsertProductGameWorkflow = createWorkflow(
  upsertProductGameWorkflowId,
  (input: { product_id: string; details: GameDetails }) => {
    const { data: products } = useQueryGraphStep({
      entity: "product",
      fields: ["id", "title", "handle", "game.id"],
      filters: { id: input.product_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "get-product" })

    const created = when({ products }, ({ products }) => !products[0].game?.id).then(() => {
      const game = createGameStep(
        transform({ input, products }, ({ input, products }) => ({
          ...input.details,
          product_id: products[0].id,
          title: products[0].title,
          handle: products[0].handle,
        }))
      )
      createRemoteLinkStep(
        transform({ game, input }, ({ game, input }) => [
          { [Modules.PRODUCT]: { product_id: input.product_id }, [GAME_MODULE]: { game_id: game.id } },
        ])
      )
      return game
    })
    const updated = when({ products }, ({ products }) => !!products[0].game?.id).then(() =>
      updateGameStep(
        transform({ input, products }, ({ input, products }) => ({
          id: products[0].game!.id,
          details: input.details,
        }))
      )
    )
    syncGameListingStep(transform({ input }, ({ input }) => ({ product_ids: [input.product_id] })))
    return new WorkflowResponse(
      transform({ created, updated }, ({ created, updated }) => created ?? updated)
    )
  }
)
