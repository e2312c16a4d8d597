import { model } from "@medusajs/framework/utils"

/** A game whose new-release mail has gone out: each game is announced once, however often the job runs. */
const ReleaseAnnouncement = model
  .define("release_announcement", {
    id: model.id({ prefix: "rann" }).primaryKey(),
    game_id: model.text(),
    /** Players it was mailed to (0 when nobody was close enough); one mailed that day already got nothing more. */
    picked: model.number().default(0),
  })
  .indexes([{ on: ["game_id"], unique: true, where: "deleted_at IS NULL" }])

export default ReleaseAnnouncement
