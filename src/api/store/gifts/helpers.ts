import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { GIFT_MODULE } from "../../../modules/gift"
import type GiftModuleService from "../../../modules/gift/service"
import { playerTimeZone } from "../../../modules/account/time-zones"
import { partiesOf, type Party } from "../../../workflows/gift/parties"

const person = (p?: Party) => (p ? { customer_id: p.customer_id, handle: p.handle, display_name: p.name } : null)

/**
 * A gift as one side sees it. Both see the game, the message (plain text: clients show it as text,
 * never as markup), the state and its dates; the sender also sees what they paid and when it is
 * due. Neither sees the other's email address.
 */
export function giftView(g: any, viewer: string, people: Map<string, Party>) {
  const sent = g.sender_id === viewer
  return {
    id: g.id,
    box: sent ? "sent" : "received",
    state: g.state,
    game: { id: g.game_id, title: g.game_title },
    sender: person(people.get(g.sender_id)),
    recipient: person(people.get(g.recipient_id)),
    message: g.message,
    delivered_at: g.delivered_at,
    expires_at: g.expires_at,
    answered_at: g.answered_at,
    refunded_at: g.refunded_at,
    refund_reason: g.refund_reason,
    ...(sent
      ? {
          purchase_id: g.purchase_id,
          deliver_at: g.deliver_at,
          time_zone: g.sender_time_zone,
          recipient_time_zone: playerTimeZone(people.get(g.recipient_id)?.time_zone, g.recipient_country),
          currency_code: g.currency_code,
          amount: Number(g.amount),
          cash_amount: Number(g.cash_amount),
          points_used: g.points_used,
          failure_reason: g.failure_reason,
          bought_at: g.bought_at,
          created_at: g.created_at,
        }
      : {}),
  }
}

export async function giftViews(container: MedusaContainer, gifts: any[], viewer: string) {
  const people = await partiesOf(container, gifts.flatMap((g) => [g.sender_id, g.recipient_id]))
  return gifts.map((g) => giftView(g, viewer, people))
}

/** A gift its sender made, or one delivered to its recipient (scheduled ones stay a surprise). */
export async function visibleGift(container: MedusaContainer, id: string, viewer: string) {
  const [gift] = await container.resolve<GiftModuleService>(GIFT_MODULE).listGifts({ id }, { take: 1 })
  const visible = gift && (gift.sender_id === viewer || (gift.recipient_id === viewer && gift.delivered_at))
  if (!visible) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Gift '${id}' not found`)
  return gift
}
