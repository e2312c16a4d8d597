import { model } from "@medusajs/framework/utils"

/** A player who asked, through a mail's signed link, for no more mails of a topic. */
const MailOptOut = model
  .define("mail_opt_out", {
    id: model.id({ prefix: "mopt" }).primaryKey(),
    customer_id: model.text(),
    topic: model.enum(["new-releases"]),
  })
  .indexes([{ on: ["customer_id", "topic"], unique: true, where: "deleted_at IS NULL" }])

export default MailOptOut
