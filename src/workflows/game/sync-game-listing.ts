import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { syncGameListingStep, SyncGameListingInput } from "../steps/sync-game-listing"

export const syncGameListingWorkflowId = "sync-game-listing"

export const syncGameListingWorkflow = createWorkflow(
  syncGameListingWorkflowId,
  (input: SyncGameListingInput) => {
    return new WorkflowResponse(syncGameListingStep(input))
  }
)
