import type { MedusaContainer } from "@medusajs/framework/types"
import { deliverDueGifts } from "../workflows/gift/deliver"

/**
 * Every 10 seconds: gifts whose delivery time has come. Several workers may run it at once; each
 * gift is claimed by one of them (the claim locks and skips), so it is delivered exactly once.
 */
export default async function deliverGiftsJob(container: MedusaContainer) {
  await deliverDueGifts(container)
}

export const config = {
  name: "deliver-gifts",
  schedule: "*/10 * * * * *",
}
