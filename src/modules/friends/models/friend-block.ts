import { model } from "@medusajs/framework/utils"

/** A player who blocked another: no requests, friendship or gifts between them while it stands. */
const FriendBlock = model
  .define("friend_block", {
    id: model.id({ prefix: "fblk" }).primaryKey(),
    blocker_id: model.text(),
    blocked_id: model.text(),
  })
  .indexes([{ on: ["blocker_id", "blocked_id"], unique: true, where: "deleted_at IS NULL" }, { on: ["blocked_id"] }])

export default FriendBlock
