import type { MedusaContainer } from "@medusajs/framework/types"
import { GIFT_MODULE } from "../../modules/gift"
import type GiftModuleService from "../../modules/gift/service"
import { SYSTEM } from "../../modules/gift/service"
import { FRIENDS_MODULE } from "../../modules/friends"
import type FriendsModuleService from "../../modules/friends/service"
import { cancelGiftsBetween } from "./answer"
import { playerTimeZone } from "../../modules/account/time-zones"
import { sendMail } from "../steps/send-mail"
import { deliverGiftsWorkflow } from "./deliver"
import { giftKeys } from "./keys"
import { partiesOf } from "./parties"

/**
 * The purchase saga's grant step for a gift purchase (after the pivot, retried): the gift is paid
 * and waits for its delivery time; "send now" gifts are delivered at once. A rerun finds the gift
 * scheduled (or delivered) and only repeats the idempotent parts.
 */
export async function giftPaid(container: MedusaContainer, giftId: string, orderId: string) {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const now = new Date()
  await gifts.transition(giftId, ["paying"], "scheduled", { cause: "paid", actor: SYSTEM }, { bought_at: now, order_id: orderId })
  const gift = await gifts.retrieveGift(giftId)
  // A block that came while the payment was under way found nothing paid to cancel: it is done here.
  const friends = container.resolve<FriendsModuleService>(FRIENDS_MODULE)
  if (gift.state === "scheduled" && (await friends.isBlockedEitherWay(gift.sender_id, gift.recipient_id))) {
    await cancelGiftsBetween(container, gift.sender_id, gift.recipient_id, SYSTEM)
    return
  }
  const people = await partiesOf(container, [gift.sender_id, gift.recipient_id])
  const sendNow = new Date(gift.deliver_at).getTime() <= now.getTime()
  await sendMail(container, {
    to: people.get(gift.sender_id)?.email ?? "",
    customer_id: gift.sender_id,
    template: "gift-purchased",
    idempotency_key: giftKeys.mail(giftId, "purchased"),
    data: {
      gift_id: giftId,
      title: gift.game_title,
      recipient_name: people.get(gift.recipient_id)?.name,
      deliver_at: gift.deliver_at,
      time_zone: gift.sender_time_zone,
      recipient_time_zone: playerTimeZone(people.get(gift.recipient_id)?.time_zone, gift.recipient_country),
      send_now: sendNow,
    },
  })
  if (sendNow) await deliverGiftsWorkflow(container).run({ input: { now, ids: [giftId], limit: 1 } })
}
