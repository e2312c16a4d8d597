import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { dismissRemoteLinkStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { GAME_MODULE } from "../../modules/game"
import { deleteGameStep } from "../steps/delete-game"

export const deleteGameWorkflowId = "delete-game"

/** Removes the game details; the product stays as a plain product. */
export const deleteGameWorkflow = createWorkflow(deleteGameWorkflowId, (input: { id: string }) => {
  const { data: games } = useQueryGraphStep({
    entity: "game",
    fields: ["id", "product_id"],
    filters: { id: input.id },
    options: { throwIfKeyNotFound: true },
  })
  dismissRemoteLinkStep(
    transform({ games }, ({ games }) => [
      { [Modules.PRODUCT]: { product_id: games[0].product_id }, [GAME_MODULE]: { game_id: games[0].id } },
    ])
  )
  deleteGameStep(transform({ games }, ({ games }) => ({ id: games[0].id })))
  return new WorkflowResponse({ id: input.id, object: "game", deleted: true })
})
