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
  })
  .indexes([{ on: ["handle"], unique: true, where: "deleted_at IS NULL" }])

export default PlayerProfile
