import { z } from "@medusajs/framework/zod"
import { GIFT_STATES } from "../../modules/gift/models/gift"
import { countryCode, entityId, isoDate, LIMITS, listParam } from "./validators"

const filterFields = {
  state: listParam(z.enum(GIFT_STATES)).optional(),
  /** Half-open range on the gift's created_at (the moment it was bought): from ≤ created_at < to. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The sender's or the recipient's country. */
  country: countryCode.optional(),
  game_id: entityId.optional(),
}

const orderedRange = (q: { from?: Date; to?: Date }) => !q.from || !q.to || q.from <= q.to
const rangeMessage = { message: "from must not be after to", path: ["from"] }

export const AdminGiftExportQuery = z.object(filterFields).strict().refine(orderedRange, rangeMessage)

export const AdminGiftsQuery = z
  .object({
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(LIMITS.offset).default(0),
  })
  .strict()
  .refine(orderedRange, rangeMessage)
export type AdminGiftsQueryType = z.infer<typeof AdminGiftsQuery>

/** GET /admin/gifts/:id takes no query; an unknown parameter is a client bug worth a 400. */
export const AdminGiftQuery = z.object({}).strict()
