import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { PREORDER_MODULE } from "../../modules/preorder"
import type PreorderModuleService from "../../modules/preorder/service"
import { compensateRefund, recoverPreorder, recoverRefund, SagaFailure } from "./recover-sagas"

const failureOf = (error: any): SagaFailure => ({ code: error?.code, message: error?.message, type: error?.type })

/** One saga is settled by one worker at a time: the request's runner or the recovery job. */
export function underSagaLock<T>(container: MedusaContainer, id: string, fn: () => Promise<T>) {
  return container.resolve(Modules.LOCKING).execute(`saga:${id}`, fn, { timeout: 5 })
}

/**
 * A pre-order saga that ended with an error. Before the pivot Medusa has compensated the steps;
 * this makes sure all of it is undone and tells the player why. Past the pivot (a post-pivot step
 * failed for good; it skips instead of compensating) it drives the saga forward, or leaves it to
 * the recovery job when that fails too.
 */
export function settlePreorderFailure(container: MedusaContainer, id: string, error: any) {
  return underSagaLock(container, id, async () => {
    const record = await container.resolve<PreorderModuleService>(PREORDER_MODULE).retrievePreorder(id)
    if (record.status !== "pending") return null
    return recoverPreorder(container, record, failureOf(error))
  })
}

/**
 * A refund saga that ended with an error: compensated by Medusa (back to completed) or stopped
 * mid-way. Either way it ends refunded (past the pivot) or fully undone with a retry scheduled.
 */
export function settleRefundFailure(container: MedusaContainer, id: string, error: any, names: { email?: string; title?: string }) {
  return underSagaLock(container, id, async () => {
    const record = await container.resolve<PreorderModuleService>(PREORDER_MODULE).retrievePreorder(id)
    if (record.status === "refunding") return recoverRefund(container, record, failureOf(error))
    if (record.status !== "completed") return null
    return compensateRefund(container, record, failureOf(error), names)
  })
}
