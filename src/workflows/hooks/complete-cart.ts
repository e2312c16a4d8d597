import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { StepResponse, type StepExecutionContext } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { POINTS_MODULE } from "../../modules/points"
import type PointsModuleService from "../../modules/points/service"
import { PURCHASE_MODULE } from "../../modules/purchase"
import type PurchaseModuleService from "../../modules/purchase/service"
import { faultPoint } from "../faults"
import { checkPurchaseCart, pointsOnCart } from "../purchase/cart-rules"
import { purchaseKeys } from "../purchase/keys"
import { giftRecipientOfCart } from "../gift/recipient"

type HeldPoints = { customer_id: string; cart_id: string; key: string }

// Every completion of a cart — our purchase saga's and a stock storefront's — meets the same
// purchase rules; a player without a residence declares it with the billing country.
// A cart completed already is answered with its order by Medusa (a client retrying its checkout):
// there is nothing left to check, and its games are owned by now.
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  if ((cart as any).completed_at) return
  await checkPurchaseCart(container, cart, { adopt_billing_country: true, gift: await giftRecipientOfCart(container, (cart as any).id) })
})

/**
 * Saga steps 3–4, between the pending order and the authorization: points that pay part of the
 * cart (its points credit line) are held in the ledger. The key is this completion's own step, so
 * a rerun holds once; compensation releases what is still held for the cart.
 */
// The 2.21 typings list only the validate hook; the workflow declares all three.
const hooks = completeCartWorkflow.hooks as typeof completeCartWorkflow.hooks & {
  beforePaymentAuthorization: (invoke: (input: { input: { id: string } }, context: StepExecutionContext) => any, compensate?: (held: any, context: StepExecutionContext) => any) => void
}

hooks.beforePaymentAuthorization(
  async ({ input }, { container, idempotencyKey }) => {
    await faultPoint("hold-points:before")
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [cart] } = await query.graph({
      entity: "cart",
      fields: ["id", "customer_id", "credit_lines.reference", "credit_lines.metadata"],
      filters: { id: input.id },
    })
    const points = pointsOnCart(cart as any)
    if (!points) return new StepResponse(null, null as HeldPoints | null)
    const ledger = container.resolve<PointsModuleService>(POINTS_MODULE)
    try {
      await ledger.post({
        // Points are only ever put on a signed-in customer's cart.
        customer_id: cart.customer_id as string,
        kind: "hold",
        points,
        idempotency_key: purchaseKeys.hold(idempotencyKey),
        reference_id: cart.id,
        reason: "purchase",
      })
    } catch (e: any) {
      if (e?.code === "insufficient_points") {
        const purchases = container.resolve<PurchaseModuleService>(PURCHASE_MODULE)
        const [purchase] = await purchases.listPurchases({ cart_id: cart.id }, { select: ["id"], take: 1 })
        if (purchase) await purchases.patch(purchase.id, { failure_reason: "insufficient_points", failure_message: e.message })
      }
      throw e
    }
    await faultPoint("hold-points:after")
    return new StepResponse({ points }, { customer_id: cart.customer_id as string, cart_id: cart.id as string, key: idempotencyKey } as HeldPoints | null)
  },
  async (held: HeldPoints | null, { container }: StepExecutionContext) => {
    if (!held) return
    await container.resolve<PointsModuleService>(POINTS_MODULE).releaseHeld({
      customer_id: held.customer_id,
      reference_id: held.cart_id,
      idempotency_key: purchaseKeys.holdReversal(held.key),
      reason: "purchase undone",
    })
  }
)
