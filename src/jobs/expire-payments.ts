import type { MedusaContainer } from "@medusajs/framework/types"
import { expireAwaitingPurchases } from "../workflows/purchase/settle-deferred"

/** Every minute: purchases whose deferred payment window closed unpaid are undone. */
export default async function expirePaymentsJob(container: MedusaContainer) {
  await expireAwaitingPurchases(container)
}

export const config = {
  name: "expire-purchase-payments",
  schedule: "* * * * *",
}
