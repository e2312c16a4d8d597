import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateProductVariantsWorkflow, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { updateGameStep } from "../steps/update-game"
import { syncGameListingStep } from "../steps/sync-game-listing"
import { validateCurrenciesStep } from "../steps/validate-currencies"
import type { GameDetails, GamePriceInput } from "./types"

export type UpdateGameWorkflowInput = {
  id: string
  details?: Partial<GameDetails>
  prices?: GamePriceInput[]
}

export const updateGameWorkflowId = "update-game"

export const updateGameWorkflow = createWorkflow(
  updateGameWorkflowId,
  (input: UpdateGameWorkflowInput) => {
    const { data: games } = useQueryGraphStep({
      entity: "game",
      fields: ["id", "product_id", "variant_id"],
      filters: { id: input.id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "get-game" })

    validateCurrenciesStep(
      transform({ input }, ({ input }) => ({
        currency_codes: (input.prices ?? []).map((p) => p.currency_code),
      }))
    )
    const game = updateGameStep(
      transform({ input }, ({ input }) => ({ id: input.id, details: input.details ?? {} }))
    )
    when({ input, games }, ({ input, games }) => !!input.prices && !!games[0]?.variant_id).then(
      () => {
        updateProductVariantsWorkflow.runAsStep({
          input: transform({ input, games }, ({ input, games }) => ({
            selector: { id: games[0].variant_id as string },
            update: { prices: input.prices },
          })),
        })
      }
    )
    syncGameListingStep(
      transform({ games }, ({ games }) => ({ product_ids: [games[0].product_id] }))
    )
    return new WorkflowResponse(game)
  }
)
