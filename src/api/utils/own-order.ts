import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/**
 * Medusa's stock `GET /store/orders/:id` answers anyone who knows an order's id, with its email and
 * addresses (the id is its only secret). Here it answers only the signed-in customer the order
 * belongs to; anybody else, signed in or not, gets the same 404 as for an order that does not exist.
 * (`GET /store/orders` already lists only the caller's own orders.)
 */
export async function ownOrderOnly(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const auth = (req as any).auth_context as { actor_type?: string; actor_id?: string } | undefined
    const customerId = auth?.actor_type === "customer" && auth.actor_id ? auth.actor_id : null
    const orderId = req.params.id
    let owned = false
    if (customerId) {
      const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id"],
        filters: { id: orderId, customer_id: customerId },
      })
      owned = data.length > 0
    }
    if (!owned) return next(new MedusaError(MedusaError.Types.NOT_FOUND, `Order id not found: ${orderId}`))
    next()
  } catch (error) {
    next(error)
  }
}

/**
 * Medusa's `POST /store/orders/:id/transfer/request` (a customer claims a guest's order) answers
 * with the whole order too, and accepts any order id from any signed-in customer. Only a guest
 * order can be claimed there; for any other order (a registered customer's, or none) it is the same
 * 404 as above. (kstore sells only to signed-in players, so its own orders are never guests'.)
 */
export async function guestOrderOnly(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "customer.has_account"],
      filters: { id: req.params.id },
    })
    const order = data[0] as { customer?: { has_account?: boolean } | null } | undefined
    if (!order || order.customer?.has_account !== false) {
      return next(new MedusaError(MedusaError.Types.NOT_FOUND, `Order id not found: ${req.params.id}`))
    }
    next()
  } catch (error) {
    next(error)
  }
}
