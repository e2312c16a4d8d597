import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, MedusaError, Modules, TransactionHandlerType, TransactionState } from "@medusajs/framework/utils"
import { completeCartWorkflow, completeCartWorkflowId } from "@medusajs/medusa/core-flows"
import { completionIds, isFinishedState, markCartForPurchase, undoInterruptedCompletion } from "../interrupted-completion"

/**
 * Saga steps 1–5 (authorize) in one: Medusa's completeCartWorkflow turns the cart into a pending
 * order (our hooks validate it and hold the points) and authorizes its payment. Its own execution is
 * stored under `complete-cart-<purchase>` (a later attempt `…-attempt-N`); the compensation cancels
 * that execution, so Medusa's compensation undoes the order, the authorization and our hold.
 *
 * Why not `completeCartWorkflow.runAsStep`: that keeps the whole nested execution (about 75 KB of
 * JSON) as this step's compensation input, which the purchase saga's stored execution then
 * serializes and writes at every later checkpoint (two per step). Only the nested transaction id is
 * kept here; Medusa reads the nested execution back from its own storage to cancel it.
 */
export const placeOrderStep = createStep(
  "place-order",
  async (input: { cart_id: string }, context) => {
    const { container } = context
    const purchaseId = context.transactionId as string
    const ids = completionIds(purchaseId)
    const earlier = (await container.resolve(Modules.WORKFLOW_ENGINE).listWorkflowExecutions(
      { workflow_id: completeCartWorkflowId, transaction_id: ids } as any,
      { select: ["transaction_id", "state"] }
    )) as { transaction_id: string; state: string }[]
    // This step runs again only after a process died inside it, leaving its completion unfinished:
    // what that completion did is undone first, and the next attempt runs under its own id (the
    // engine would otherwise resume the stale checkpoint, or with Redis wait on its in-flight step).
    // Otherwise a finished completion is answered again with its order (completeCartWorkflow
    // short-circuits a linked cart).
    const stale = ids.filter((id) => earlier.some((e) => e.transaction_id === id && !isFinishedState(e.state)))
    let transactionId = stale.length ? undefined : ids.find((id) => earlier.some((e) => e.transaction_id === id && e.state === TransactionState.DONE))
    if (stale.length) {
      await undoInterruptedCompletion(container, { purchase_id: purchaseId, cart_id: input.cart_id, transaction_ids: stale, fail_unpaid: true })
    }
    transactionId ??= ids.find((id) => !earlier.some((e) => e.transaction_id === id))
    if (!transactionId) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${input.cart_id} was completed too many times`)
    await markCartForPurchase(container, input.cart_id, purchaseId)
    const { result } = await completeCartWorkflow(container).run({
      input: { id: input.cart_id },
      // The saga's event group: order.placed and the rest leave with the saga's events, not
      // while a compensation could still take the order back.
      context: { ...(context.context ?? {}), transactionId, parentStepIdempotencyKey: context.idempotencyKey, preventReleaseEvents: true } as any,
    })
    return new StepResponse({ id: result.id }, { transaction_id: transactionId, order_id: result.id, cart_id: input.cart_id })
  },
  async (placed, { container, context }) => {
    if (!placed) return
    const { transaction } = await completeCartWorkflow(container).cancel({
      transactionId: placed.transaction_id,
      throwOnError: false,
      context: { ...(context ?? {}), transactionId: placed.transaction_id, preventReleaseEvents: true, cancelingFromParentStep: true } as any,
    } as any)
    if (transaction.getState() === TransactionState.REVERTED) return
    // Medusa 2.21 compensates its create-remote-links step from the stored execution, where
    // PostgreSQL's jsonb has put the link's keys in its own order (cart before order): dismissing
    // "cart ↔ order" finds no such link and that one compensation fails, after every other step of
    // the nested run was undone. The order↔cart link is dismissed here the right way round; any
    // other failure fails this compensation.
    const failed = transaction.getErrors(TransactionHandlerType.COMPENSATE) as { action: string; error: any }[]
    const other = failed.find((e) => e.action !== "create-remote-links")
    if (other || !failed.length) throw other?.error ?? new Error(`Could not undo the order of cart ${placed.cart_id}`)
    await container.resolve(ContainerRegistrationKeys.LINK).dismiss({
      [Modules.ORDER]: { order_id: placed.order_id },
      [Modules.CART]: { cart_id: placed.cart_id },
    })
  }
)
