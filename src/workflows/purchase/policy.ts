import { MedusaError } from "@medusajs/framework/utils"

/** Machine-readable reasons a player may not buy, gift or download a game. */
export type PurchaseRefusal =
  | "login_required"
  | "residence_required"
  | "country_not_served"
  | "not_released"
  | "no_price_in_region"

export type PurchaseEligibility = {
  allowed: boolean
  reason: PurchaseRefusal | null
  /** true when the purchase would be a pre-order (release in the future, pre-order open) */
  preorder: boolean
}

type GameTerms = {
  service_countries: string[]
  release_at: Date | string
  preorder_enabled: boolean
}

/** Service country is the legal check; it always wins over every other reason. */
export function isServedIn(game: Pick<GameTerms, "service_countries">, country: string | null) {
  return !!country && game.service_countries.includes(country)
}

export function purchaseEligibility(input: {
  game: GameTerms
  residence_country: string | null
  logged_in: boolean
  has_price: boolean
  now?: Date
}): PurchaseEligibility {
  const now = input.now ?? new Date()
  const upcoming = new Date(input.game.release_at).getTime() > now.getTime()
  const refuse = (reason: PurchaseRefusal) => ({ allowed: false, reason, preorder: false })
  if (!input.logged_in) return refuse("login_required")
  if (!input.residence_country) return refuse("residence_required")
  if (!isServedIn(input.game, input.residence_country)) return refuse("country_not_served")
  if (upcoming && !input.game.preorder_enabled) return refuse("not_released")
  if (!input.has_price) return refuse("no_price_in_region")
  return { allowed: true, reason: null, preorder: upcoming }
}

const MESSAGES: Record<PurchaseRefusal, string> = {
  login_required: "Sign in to buy games",
  residence_required: "Set your residence country before buying games",
  country_not_served: "This game is not sold in your residence country",
  not_released: "This game is not released yet and has no open pre-order",
  no_price_in_region: "This game has no price in your region",
}

/** A 403 whose `code` is the refusal reason, so clients can branch on it. */
export function purchaseRefused(reason: PurchaseRefusal, detail?: string) {
  return new MedusaError(
    MedusaError.Types.FORBIDDEN,
    detail ? `${MESSAGES[reason]}: ${detail}` : MESSAGES[reason],
    reason
  )
}
