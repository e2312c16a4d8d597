import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { FRIENDS_MODULE } from "../../modules/friends"
import type FriendsModuleService from "../../modules/friends/service"
import { GIFT_MODULE } from "../../modules/gift"
import { OPEN_GIFT_STATES } from "../../modules/gift/models/gift"
import type GiftModuleService from "../../modules/gift/service"
import { LIBRARY_MODULE } from "../../modules/library"
import type LibraryModuleService from "../../modules/library/service"
import { pointValue } from "../../modules/points/values"
import { REGION_POLICY_MODULE } from "../../modules/region-policy"
import { listRegions } from "../../modules/region-policy/regions"
import type RegionPolicyModuleService from "../../modules/region-policy/service"
import { refuse } from "../purchase/cart-rules"
import { isServedIn } from "../purchase/policy"
import { giftConfig } from "./config"

/** Why a friend cannot receive a game as a gift, in the order the checks run. */
export type GiftRefusal = "already_owned" | "country_not_served" | "price_region_mismatch" | "pending_gift"

export type GiftGame = { id: string; title: string; service_countries: string[]; prices?: { currency_code: string; amount: any }[] | null }

export type Giftability = { customer_id: string; country: string | null; reason: GiftRefusal | null }

/**
 * The game's list price in a currency, in points (each currency's point is worth about one US
 * cent), so prices in different currencies compare without an exchange-rate feed.
 */
function priceInPoints(game: GiftGame, currency: string): number | null {
  const price = (game.prices ?? []).find((p) => p.currency_code === currency)
  return price ? Number(price.amount) / pointValue(currency) : null
}

/**
 * Whether each recipient can be given the game by the sender, and why not. The price rule blocks
 * buying where a game is cheap for a friend where it is dear: the recipient region's price may
 * differ from the sender's by at most the configured share.
 */
export async function giftability(
  container: MedusaContainer,
  input: { sender_country: string; game: GiftGame; recipient_ids: string[] }
): Promise<Giftability[]> {
  const ids = [...new Set(input.recipient_ids)]
  if (!ids.length) return []
  const [residences, owned, open, regions] = await Promise.all([
    container.resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE).listCustomerResidences({ customer_id: ids }, { select: ["customer_id", "country_code"] }),
    container.resolve<LibraryModuleService>(LIBRARY_MODULE).listEntitlements({ customer_id: ids, game_id: input.game.id, status: "active" }, { select: ["customer_id"] }),
    container.resolve<GiftModuleService>(GIFT_MODULE).listGifts({ recipient_id: ids, game_id: input.game.id, state: OPEN_GIFT_STATES }, { select: ["recipient_id"] }),
    listRegions(container),
  ])
  const countryOf = new Map(residences.map((r) => [r.customer_id, r.country_code]))
  const owners = new Set(owned.map((e) => e.customer_id))
  const pending = new Set(open.map((g) => g.recipient_id))
  const currencyOf = (country: string) => regions.find((r) => r.countries.includes(country))?.currency_code ?? null
  const senderCurrency = currencyOf(input.sender_country)
  const senderPrice = senderCurrency ? priceInPoints(input.game, senderCurrency) : null
  const tolerance = giftConfig().price_tolerance

  return ids.map((id) => {
    const country = countryOf.get(id) ?? null
    const verdict = (reason: GiftRefusal | null): Giftability => ({ customer_id: id, country, reason })
    if (owners.has(id)) return verdict("already_owned")
    if (!isServedIn(input.game, country)) return verdict("country_not_served")
    const currency = currencyOf(country!)
    const theirs = currency ? priceInPoints(input.game, currency) : null
    if (theirs === null || senderPrice === null || Math.abs(theirs - senderPrice) > senderPrice * tolerance + 1e-9) {
      return verdict("price_region_mismatch")
    }
    if (pending.has(id)) return verdict("pending_gift")
    return verdict(null)
  })
}

const REFUSALS: Record<GiftRefusal, { type: string; message: string }> = {
  already_owned: { type: MedusaError.Types.CONFLICT, message: "Your friend already owns this game" },
  country_not_served: { type: MedusaError.Types.FORBIDDEN, message: "This game is not sold in your friend's country" },
  price_region_mismatch: {
    type: MedusaError.Types.FORBIDDEN,
    message: "This game's price in your friend's region differs too much from yours to be gifted",
  },
  pending_gift: { type: MedusaError.Types.CONFLICT, message: "Your friend has a gift of this game waiting already" },
}

export const giftRefused = (reason: GiftRefusal) => refuse(REFUSALS[reason].type, REFUSALS[reason].message, reason)

/** Gifts go only to mutual friends; a block either way ends that. */
export async function assertFriends(container: MedusaContainer, senderId: string, recipientId: string) {
  if (senderId === recipientId) throw refuse(MedusaError.Types.INVALID_DATA, "You cannot send a gift to yourself", "self_gift")
  const friends = container.resolve<FriendsModuleService>(FRIENDS_MODULE)
  if (!(await friends.areFriends(senderId, recipientId)) || (await friends.isBlockedEitherWay(senderId, recipientId))) {
    throw refuse(MedusaError.Types.FORBIDDEN, "Gifts go only to your friends", "not_friends")
  }
}
