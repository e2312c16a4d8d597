import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateOrderDTO, IOrderModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { withFaults } from "../../../lib/faults"
import { PREORDER_MODULE } from "../../../modules/preorder"
import type PreorderModuleService from "../../../modules/preorder/service"
import type { PreorderQuote } from "./validate-preorder"

/**
 * Medusa's createOrders writes the order in one transaction (createOrders_), then re-reads it with
 * eleven relations and totals it: about 30 of its 40 ms of CPU, for a result the saga does not use
 * (it needs the id). The write alone is enough here. It is the same method createOrders runs, and
 * the module emits no events for it; should an upgrade drop it, the public call takes over.
 */
async function createOrder(orders: IOrderModuleService, input: CreateOrderDTO): Promise<string> {
  const write = (orders as any).createOrders_
  const [order] = typeof write === "function" ? await write.call(orders, [input]) : await orders.createOrders([input])
  return order.id
}

/** Saga step 2: the order in pending state. A rerun reuses the order the record already has. */
export const createPendingOrderStep = createStep(
  "create-pending-preorder-order",
  withFaults("create-pending-preorder-order", async (input: { preorder_id: string; quote: PreorderQuote }, { container }) => {
    const preorders = container.resolve<PreorderModuleService>(PREORDER_MODULE)
    const record = await preorders.retrievePreorder(input.preorder_id)
    if (record.order_id) return new StepResponse({ order_id: record.order_id }, null)
    const q = input.quote
    const orderId = await createOrder(container.resolve(Modules.ORDER), {
      status: "pending" as any,
      region_id: q.region_id,
      customer_id: q.customer_id,
      email: q.email,
      currency_code: q.currency_code,
      metadata: { preorder_id: input.preorder_id, kind: "preorder" },
      items: [
        {
          title: q.title,
          product_id: q.product_id,
          variant_id: q.variant_id,
          product_title: q.title,
          variant_title: "Standard Edition",
          quantity: 1,
          unit_price: q.total,
          requires_shipping: false,
          is_discountable: false,
        },
      ],
    })
    await preorders.patch(input.preorder_id, { order_id: orderId })
    return new StepResponse({ order_id: orderId }, { order_id: orderId, preorder_id: input.preorder_id })
  }),
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve(Modules.ORDER).updateOrders([{ id: undo.order_id, status: "canceled" as any, canceled_at: new Date() } as any])
  }
)
