import { z } from "@medusajs/framework/zod"
import { entityId } from "./validators"

// Longer than any handle can be (3-20), so a typo still reads as "no such player", not a 400.
const handle = z.string().trim().min(1).max(40)

export const StoreFriendRequestBody = z
  .object({ handle: handle.optional(), email: z.string().trim().email().max(254).optional() })
  .strict()
  .refine((b) => !!b.handle !== !!b.email, { message: "Give either handle or email" })

export const StoreFriendBlockBody = z
  .object({ customer_id: entityId.optional(), handle: handle.optional() })
  .strict()
  .refine((b) => !!b.customer_id !== !!b.handle, { message: "Give either customer_id or handle" })

/** The lists take no parameters: anything in the query is a client's mistake, told as a 400. */
export const NoQuery = z.object({}).strict()
export const NoBody = z.object({}).strict()
