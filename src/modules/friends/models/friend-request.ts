import { model } from "@medusajs/framework/utils"

/**
 * A friend request from a player to another (`to_customer_id`) or to an email address not signed
 * up yet (`to_email`, an invitation that becomes a request when someone signs up with it).
 */
const FriendRequest = model
  .define("friend_request", {
    id: model.id({ prefix: "frq" }).primaryKey(),
    from_customer_id: model.text(),
    to_customer_id: model.text().nullable(),
    to_email: model.text().nullable(),
    status: model.enum(["pending", "accepted", "declined", "cancelled"]).default("pending"),
    answered_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["from_customer_id", "to_customer_id"], unique: true, where: "status = 'pending' AND to_customer_id IS NOT NULL AND deleted_at IS NULL" },
    { on: ["from_customer_id", "to_email"], unique: true, where: "status = 'pending' AND to_email IS NOT NULL AND deleted_at IS NULL" },
    { on: ["to_customer_id", "status"] },
    { on: ["to_email", "status"] },
    { on: ["from_customer_id", "created_at"] },
  ])

export default FriendRequest
