import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys, OrderStatus } from "@medusajs/framework/utils"
import { completeOrderWorkflow } from "@medusajs/medusa/core-flows"
import { withFaults } from "../../faults"
import { announceSettled } from "../../settlement"
import { LIBRARY_MODULE } from "../../../modules/library"
import type LibraryModuleService from "../../../modules/library/service"
import { POINTS_MODULE } from "../../../modules/points"
import type PointsModuleService from "../../../modules/points/service"
import { PURCHASE_MODULE } from "../../../modules/purchase"
import type PurchaseModuleService from "../../../modules/purchase/service"
import { purchaseKeys } from "../keys"
import { giftPaid } from "../../gift/paid"
import type { PlacedOrder } from "./load-order"

/**
 * After the pivot (retried): the games enter the player's library (a pre-ordered game downloads
 * from its release day), the points held for the cart are posted as spent, the Medusa order is
 * completed and the purchase marked completed. Every part finds its first effect on a rerun.
 */
export const grantGamesStep = createStep(
  "grant-purchased-games",
  withFaults("grant-purchased-games", async (input: { order: PlacedOrder; points_earned: number }, { container }) => {
    const o = input.order
    const library = container.resolve<LibraryModuleService>(LIBRARY_MODULE)
    // A gift's game goes to its recipient when they accept it, never to the buyer.
    for (const game of o.gift_id ? [] : o.games) {
      await library.grant({ customer_id: o.customer_id, game_id: game.game_id, order_id: o.order_id, source: game.preorder ? "preorder" : "purchase" })
    }
    if (o.cart_id) {
      const points = container.resolve<PointsModuleService>(POINTS_MODULE)
      const held = await points.heldFor(o.customer_id, o.cart_id)
      if (held > 0) {
        await points.settleHold({
          customer_id: o.customer_id,
          points: held,
          idempotency_key: purchaseKeys.spend(o.cart_id),
          reference_id: o.cart_id,
          reason: `purchase of ${o.games.map((g) => g.title).join(", ")}`,
        })
      }
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [order] } = await query.graph({ entity: "order", fields: ["status"], filters: { id: o.order_id } })
    if ((order as any)?.status === OrderStatus.PENDING) {
      await completeOrderWorkflow(container).run({ input: { orderIds: [o.order_id] } })
    }
    if (o.purchase_id) {
      await container.resolve<PurchaseModuleService>(PURCHASE_MODULE).transition(o.purchase_id, ["pending", "awaiting_payment"], "completed", {
        order_id: o.order_id,
        points_earned: input.points_earned,
        completed_at: new Date(),
      })
      if (o.gift_id) await giftPaid(container, o.gift_id, o.order_id)
      announceSettled(o.purchase_id)
    }
    return new StepResponse({ granted: o.games.map((g) => g.game_id) })
  })
)
