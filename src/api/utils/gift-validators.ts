import { z } from "@medusajs/framework/zod"
import { entityId, purchasePaymentFields, timeZone } from "./validators"

/**
 * `POST /store/gifts`: the game, one friend (by id or handle), a plain-text message, "send now"
 * (no `deliver_at`) or a time with the sender's zone, and how the sender pays (points, method).
 */
export const StoreGiftBody = z
  .object({
    game_id: entityId,
    recipient_id: entityId.optional(),
    recipient_handle: z.string().min(1).max(40).optional(),
    message: z.string().max(500, "The message may have at most 500 characters").optional(),
    deliver_at: z.string().datetime({ offset: true, message: "deliver_at must be an ISO 8601 date-time with its offset" }).optional(),
    time_zone: timeZone.optional(),
    ...purchasePaymentFields,
  })
  .strict()
  .refine((b) => !!b.recipient_id !== !!b.recipient_handle, { message: "Give either recipient_id or recipient_handle" })

export const StoreGiftListQuery = z
  .object({
    box: z.enum(["sent", "received"]).default("received"),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict()

export const StoreGiftRecipientsQuery = z.object({ game_id: entityId }).strict()
