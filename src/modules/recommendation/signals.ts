import type { InteractionKind } from "./models/interaction"

/**
 * How strongly each kind says "I like this": money spent says most, a page view least. A play day
 * is a strong signal too, but only owned games are played, so it mostly reinforces the purchase.
 */
export const KIND_WEIGHT: Record<InteractionKind, number> = {
  purchase: 3,
  preorder: 3,
  gift: 2,
  play: 1,
  view: 0.5,
}

export type InteractionInput = {
  customer_id: string
  game_id: string
  kind: InteractionKind
  occurred_at?: Date
  /** Names the fact recorded; the same key is recorded once (see `signalKeys`). */
  event_key: string
}

const day = (at: Date) => at.toISOString().slice(0, 10)

/**
 * Idempotency keys of the recorded facts. A purchase is one per order and game, a gift one per
 * gift; views and play are counted once per player, game and UTC day, so reloading a page or a
 * launcher reporting every few minutes does not turn one evening into a hundred signals.
 */
export const signalKeys = {
  order: (orderId: string, gameId: string) => `order:${orderId}:${gameId}`,
  gift: (giftId: string) => `gift:${giftId}`,
  view: (customerId: string, gameId: string, at: Date) => `view:${customerId}:${gameId}:${day(at)}`,
  play: (customerId: string, gameId: string, at: Date) => `play:${customerId}:${gameId}:${day(at)}`,
}
