import type { MedusaContainer } from "@medusajs/framework/types"
import { retryDueGameRefunds } from "../workflows/game-refund/request-refund"

/** Every minute: failed refunds whose backoff has passed are tried again. */
export default async function retryRefundsJob(container: MedusaContainer) {
  await retryDueGameRefunds(container)
}

export const config = {
  name: "retry-refunds",
  schedule: "* * * * *",
}
