import { model } from "@medusajs/framework/utils"

/**
 * What other players see of a player: a unique handle (stored lower-case, so "Kim" and "kim" are
 * one) and a display name. Friends find each other by handle; the email is never shown.
 */
const PlayerProfile = model
  .define("player_profile", {
    id: model.id({ prefix: "prof" }).primaryKey(),
    customer_id: model.text().unique(),
    handle: model.text(),
    display_name: model.text(),
    /** IANA zone the player's times are shown in (a gift's delivery time to its sender); null: their country's. */
    time_zone: model.text().nullable(),
    /** When the player last opened their notifications: newer ones count as unread. */
    notifications_seen_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["handle"], unique: true, where: "deleted_at IS NULL" }])

export default PlayerProfile
