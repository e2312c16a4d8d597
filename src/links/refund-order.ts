import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import PurchaseModule from "../modules/purchase"

/** The Medusa order a refund of games gives money back on (`game_refund.order`). */
export default defineLink({ linkable: PurchaseModule.linkable.gameRefund, field: "order_id" }, OrderModule.linkable.order, {
  readOnly: true,
})
