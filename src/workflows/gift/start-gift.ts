import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { limitReached } from "../../api/utils/error-handler"
import { ACCOUNT_MODULE } from "../../modules/account"
import type AccountModuleService from "../../modules/account/service"
import { GAME_MODULE } from "../../modules/game"
import type GameModuleService from "../../modules/game/service"
import { GIFT_MODULE } from "../../modules/gift"
import type GiftModuleService from "../../modules/gift/service"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import { assertEmailVerified, refuse } from "../purchase/cart-rules"
import { purchaseRefused } from "../purchase/policy"
import { PurchaseRequest, requestHash, startPurchase } from "../purchase/start-purchase"
import { giftConfig } from "./config"
import { assertFriends, giftability, giftRefused } from "./rules"

export type GiftRequest = {
  game_id: string
  recipient_id?: string
  recipient_handle?: string
  message?: string
  /** Omitted: "send now" (delivered as soon as it is paid). */
  deliver_at?: string
  time_zone?: string
  points?: number
  expected_total?: number
  payment?: PurchaseRequest["payment"]
}

/** Control characters other than line breaks and tabs never belong in a message a friend reads. */
export const cleanMessage = (text: string | undefined) => (text ?? "").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim()

/**
 * Accepts a gift: checks every gifting rule (a 4xx and nothing written when one fails), records
 * the gift and pays for it through the purchase saga, which runs in the background (the sender's
 * cart, currency, methods and points; the game is not granted to the sender). The same
 * Idempotency-Key and body answer with the same gift; another body with it is a 422.
 */
export async function startGift(
  container: MedusaContainer,
  input: { sender_id: string; idempotency_key: string; sales_channel_id?: string | null; body: GiftRequest; now?: Date }
) {
  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const hash = requestHash(input.body as any)
  const find = async () => (await gifts.listGifts({ sender_id: input.sender_id, idempotency_key: input.idempotency_key }, { take: 1 }))[0]
  const replay = (found: any) => {
    if (found.request_hash !== hash) {
      throw refuse(MedusaError.Types.INVALID_DATA, "This Idempotency-Key was used for another request", "idempotency_key_reused")
    }
    return { gift: found, created: false as const }
  }
  const known = await find()
  if (known) return replay(known)
  // One gift request of a sender at a time, so the daily limit counts every gift before it.
  return container.resolve(Modules.LOCKING).execute(
    `gift:${input.sender_id}`,
    async () => {
      const raced = await find()
      if (raced) return replay(raced)
      return recordAndPay(container, input, hash)
    },
    { timeout: 30 }
  )
}

async function recordAndPay(
  container: MedusaContainer,
  input: { sender_id: string; idempotency_key: string; sales_channel_id?: string | null; body: GiftRequest; now?: Date },
  hash: string
) {
  const body = input.body
  const now = input.now ?? new Date()
  const config = giftConfig()
  await assertEmailVerified(container, input.sender_id)
  const recipientId = await resolveRecipient(container, body)
  await assertFriends(container, input.sender_id, recipientId)

  const deliverAt = body.deliver_at ? new Date(body.deliver_at) : now
  if (body.deliver_at && !(deliverAt.getTime() > now.getTime())) {
    throw refuse(MedusaError.Types.INVALID_DATA, "The delivery time must be in the future (or leave it out to send now)", "invalid_delivery_time")
  }
  if (deliverAt.getTime() > now.getTime() + config.max_schedule_days * 86400e3) {
    throw refuse(MedusaError.Types.INVALID_DATA, `A gift can be scheduled at most ${config.max_schedule_days} days ahead`, "invalid_delivery_time")
  }
  const message = cleanMessage(body.message)
  if (message.length > config.max_message) {
    throw refuse(MedusaError.Types.INVALID_DATA, `The message may have at most ${config.max_message} characters`, "message_too_long")
  }

  const [game] = await container
    .resolve<GameModuleService>(GAME_MODULE)
    .listGames({ id: body.game_id, published: true }, { select: ["id", "title", "service_countries"], relations: ["prices"] })
  if (!game) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Game '${body.game_id}' not found`)
  const senderCountry = await container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).getResidenceCountry(input.sender_id)
  if (!senderCountry) throw purchaseRefused("residence_required")

  const gifts = container.resolve<GiftModuleService>(GIFT_MODULE)
  const sent = await gifts.countSentSince(input.sender_id, new Date(now.getTime() - 86400e3))
  if (sent >= config.daily_limit) {
    throw limitReached(`You can send at most ${config.daily_limit} gifts in 24 hours`, "gift_daily_limit")
  }
  const [verdict] = await giftability(container, { sender_country: senderCountry, game: game as any, recipient_ids: [recipientId] })
  if (verdict.reason) throw giftRefused(verdict.reason)

  let gift: any
  try {
    gift = await gifts.createGifts({
      sender_id: input.sender_id,
      recipient_id: recipientId,
      game_id: game.id,
      game_title: game.title,
      message,
      idempotency_key: input.idempotency_key,
      request_hash: hash,
      sender_country: senderCountry,
      recipient_country: verdict.country!,
      currency_code: "",
      amount: 0,
      cash_amount: 0,
      deliver_at: deliverAt,
      sender_time_zone: body.time_zone ?? null,
    })
  } catch (e: any) {
    if (!/unique|duplicate/i.test(`${e?.name} ${e?.message}`)) throw e
    // A parallel gift of the same game to the same friend won the unique index.
    throw giftRefused("pending_gift")
  }
  try {
    await startPurchase(container, {
      customer_id: input.sender_id,
      idempotency_key: `gift.${gift.id}`,
      sales_channel_id: input.sales_channel_id,
      body: { game_ids: [game.id], points: body.points ?? 0, expected_total: body.expected_total, payment: body.payment },
      gift: {
        id: gift.id,
        recipient: { customer_id: recipientId, country: verdict.country! },
        recorded: async (purchase: any) => {
          gift = await gifts.updateGifts({
            id: gift.id,
            purchase_id: purchase.id,
            currency_code: purchase.currency_code,
            amount: Number(purchase.total),
            points_used: purchase.points_used,
            cash_amount: Number(purchase.cash_amount),
          })
          await gifts.recordCreated(gift.id, { cause: "bought", actor: `customer:${input.sender_id}` })
        },
      },
    })
  } catch (e) {
    await gifts.discard(gift.id).catch(() => {})
    throw e
  }
  return { gift, created: true as const }
}

async function resolveRecipient(container: MedusaContainer, body: GiftRequest): Promise<string> {
  if (body.recipient_id) {
    const [customer] = await container.resolve(Modules.CUSTOMER).listCustomers({ id: body.recipient_id }, { select: ["id"], take: 1 })
    if (customer) return customer.id
  } else if (body.recipient_handle) {
    const profile = await container.resolve<AccountModuleService>(ACCOUNT_MODULE).profileByHandle(body.recipient_handle)
    if (profile) return profile.customer_id
  }
  // Unknown and not-a-friend look the same to the sender: no probing for accounts.
  throw refuse(MedusaError.Types.FORBIDDEN, "Gifts go only to your friends", "not_friends")
}
