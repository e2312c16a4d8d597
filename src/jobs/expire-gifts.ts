import type { MedusaContainer } from "@medusajs/framework/types"
import { expireGifts } from "../workflows/gift/answer"

/** Every 5 minutes: gifts delivered 30 days ago and never answered go back to their senders. */
export default async function expireGiftsJob(container: MedusaContainer) {
  await expireGifts(container)
}

export const config = {
  name: "expire-gifts",
  schedule: "*/5 * * * *",
}
