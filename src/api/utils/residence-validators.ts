import { z } from "@medusajs/framework/zod"

/** `POST /admin/customers/:id/residence/lift`: why staff let this player change residence now. */
export const AdminResidenceLift = z
  .object({ reason: z.string().trim().min(3, "Give a reason of at least 3 characters").max(500) })
  .strict()
