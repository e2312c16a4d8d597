import { model } from "@medusajs/framework/utils"

/** What a player did with a game, as evidence of taste. Purchases count more than a glance. */
export const INTERACTION_KINDS = ["purchase", "preorder", "gift", "play", "view"] as const
export type InteractionKind = (typeof INTERACTION_KINDS)[number]

/**
 * One recorded signal. `event_key` names the fact it came from (the order and game, the day of a
 * page view, …) and is unique, so a replayed event or a retried step records nothing twice.
 * `customer_id` and `game_id` are plain ids: the customer and game belong to other modules.
 */
const Interaction = model
  .define("interaction", {
    id: model.id({ prefix: "rint" }).primaryKey(),
    customer_id: model.text(),
    game_id: model.text(),
    kind: model.enum([...INTERACTION_KINDS]),
    weight: model.float(),
    occurred_at: model.dateTime(),
    event_key: model.text().unique(),
  })
  .indexes([{ on: ["customer_id", "occurred_at"] }, { on: ["occurred_at"] }])

export default Interaction
