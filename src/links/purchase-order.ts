import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import PurchaseModule from "../modules/purchase"

/** A purchase's Medusa order, read through query.graph (`purchase.order`); the purchase keeps the id. */
export default defineLink({ linkable: PurchaseModule.linkable.purchase, field: "order_id" }, OrderModule.linkable.order, {
  readOnly: true,
})
