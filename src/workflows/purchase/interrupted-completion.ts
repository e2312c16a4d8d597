import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules, TransactionState } from "@medusajs/framework/utils"
import { cancelOrderWorkflow, completeCartWorkflow } from "@medusajs/medusa/core-flows"

/**
 * The cart's metadata key naming the purchase that completes it. Medusa copies a cart's metadata
 * into the order in the same write that creates the order, so an order whose completion died
 * before linking it to its cart can still be told apart from every other order of the customer.
 */
export const PURCHASE_MARK = "purchase_id"

const FINISHED = new Set<string>([TransactionState.DONE, TransactionState.REVERTED, TransactionState.FAILED])

export const isFinishedState = (state: string) => FINISHED.has(state)

/** `complete-cart-<purchase>` and its retried attempts (`…-attempt-N`), as place-order names them. */
export function completionIds(purchaseId: string, attempts = 10) {
  const base = `complete-cart-${purchaseId}`
  return [base, ...Array.from({ length: attempts - 1 }, (_, i) => `${base}-attempt-${i + 2}`)]
}

export function purchaseOfCompletion(transactionId: string) {
  const m = /^complete-cart-(pur_[A-Za-z0-9]+)(?:-attempt-\d+)?$/.exec(transactionId)
  return m?.[1] ?? null
}

export async function markCartForPurchase(container: MedusaContainer, cartId: string, purchaseId: string) {
  const carts = container.resolve(Modules.CART)
  const cart = await carts.retrieveCart(cartId, { select: ["id", "metadata"] })
  if (cart.metadata?.[PURCHASE_MARK] === purchaseId) return
  await carts.updateCarts([{ id: cartId, metadata: { ...(cart.metadata ?? {}), [PURCHASE_MARK]: purchaseId } }])
}

/**
 * A completion of the purchase's cart that a dead process left unfinished. Its stored execution is
 * cancelled first, so Medusa's compensation undoes what that execution knows of; but the in-memory
 * engine stores only the initial checkpoint of completeCartWorkflow (its steps are sync), so after
 * a restart it knows nothing, and Medusa's own data tells what the dead run did:
 *  - an order it created but never linked to the cart (the process died between create-orders and
 *    create-remote-links): a rerun would create a second one, so this one is cancelled;
 *  - an order linked to the cart whose payment was never authorized (died before the last step):
 *    completeCartWorkflow answers a linked cart with that order and skips the authorization, so
 *    adopting it would sell the games for nothing. It is cancelled, and with `fail_unpaid` an error
 *    undoes the purchase (the saga's compensation releases the held points and tells the player).
 * An order the purchase already owns (`keep_order_id`) is left alone.
 */
export async function undoInterruptedCompletion(
  container: MedusaContainer,
  input: { purchase_id: string; cart_id: string; transaction_ids: string[]; keep_order_id?: string | null; fail_unpaid: boolean }
) {
  for (const transactionId of input.transaction_ids) {
    try {
      await completeCartWorkflow(container).cancel({
        transactionId,
        throwOnError: false,
        context: { transactionId, preventReleaseEvents: true, cancelingFromParentStep: true } as any,
      } as any)
    } catch {
      // Nothing it knows can be undone (already compensating, or gone): the data below decides.
    }
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "created_at", "payment_collection.payments.id", "payment_collection.payment_sessions.status"],
    filters: { id: input.cart_id },
  })
  if (!cart) return
  const { data: links } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: input.cart_id } })
  const linkedId = (links as any[])[0]?.order_id as string | undefined

  const { data: pending } = await query.graph({
    entity: "order",
    fields: ["id", "metadata", "payment_collections.id"],
    filters: { customer_id: (cart as any).customer_id, status: "pending", created_at: { $gte: (cart as any).created_at } } as any,
  })
  const orphans = (pending as any[]).filter(
    (o) => o.metadata?.[PURCHASE_MARK] === input.purchase_id && o.id !== linkedId && o.id !== input.keep_order_id
  )
  for (const orphan of orphans) {
    // The payment collection is the cart's, and the next completion links it again: cancelling the
    // orphan through Medusa's flow must not cancel that collection with it.
    for (const pc of orphan.payment_collections ?? []) {
      await link.dismiss({ [Modules.ORDER]: { order_id: orphan.id }, [Modules.PAYMENT]: { payment_collection_id: pc.id } })
    }
    await cancelOrderWorkflow(container).run({ input: { order_id: orphan.id } })
  }

  if (!linkedId || linkedId === input.keep_order_id) return
  const { data: [linked] } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: linkedId } })
  if (!linked) {
    // The cancelled execution deleted its order but could not dismiss the link (see place-order's
    // compensation); left, the next completion would answer with the deleted order.
    await link.dismiss({ [Modules.ORDER]: { order_id: linkedId }, [Modules.CART]: { cart_id: input.cart_id } })
    return
  }
  if ((linked as any).status !== "pending" || !unpaid(cart)) return
  await cancelOrderWorkflow(container).run({ input: { order_id: linkedId } })
  if (input.fail_unpaid) {
    throw new MedusaError(
      MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
      `The completion of cart ${input.cart_id} stopped before its payment was authorized; its order ${linkedId} is cancelled`,
      "payment_failed"
    )
  }
}

/** The cart has a payment to take, and no provider ever answered for it. */
function unpaid(cart: any) {
  const pc = cart.payment_collection
  const sessions = (pc?.payment_sessions ?? []) as { status: string }[]
  if (!sessions.length || (pc?.payments ?? []).length) return false
  return !sessions.some((s) => ["authorized", "captured", "pending_authorization"].includes(s.status))
}
