import type { MedusaContainer } from "@medusajs/framework/types"
import { retryDueRefunds } from "../workflows/refund/start-refund"

/** Every minute: failed refunds whose backoff has passed are tried again. */
export default async function retryRefundsJob(container: MedusaContainer) {
  await retryDueRefunds(container)
}

export const config = {
  name: "retry-refunds",
  schedule: "* * * * *",
}
