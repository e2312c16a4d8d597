import type { MedusaContainer } from "@medusajs/framework/types"
import { GIFT_MODULE } from "../../modules/gift"
import type GiftModuleService from "../../modules/gift/service"
import { PURCHASE_MODULE } from "../../modules/purchase"
import type PurchaseModuleService from "../../modules/purchase/service"
import type { GiftRecipient } from "../purchase/cart-rules"

/**
 * The recipient a cart is bought for, when our purchase record of the cart is a gift. Only that
 * record decides: a cart's own metadata is the client's to write.
 */
export async function giftRecipientOfCart(container: MedusaContainer, cartId: string): Promise<GiftRecipient | null> {
  const [purchase] = await container
    .resolve<PurchaseModuleService>(PURCHASE_MODULE)
    .listPurchases({ cart_id: cartId }, { select: ["id", "gift_id"], take: 1 })
  if (!purchase?.gift_id) return null
  const [gift] = await container
    .resolve<GiftModuleService>(GIFT_MODULE)
    .listGifts({ id: purchase.gift_id }, { select: ["recipient_id", "recipient_country"], take: 1 })
  return gift ? { customer_id: gift.recipient_id, country: gift.recipient_country } : null
}
