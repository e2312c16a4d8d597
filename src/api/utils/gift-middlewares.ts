import { authenticate, validateAndTransformBody } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { StoreGiftBody, StoreGiftListQuery } from "./gift-validators"
import { validateQuery } from "./validate-query"

const player = authenticate("customer", ["session", "bearer"])
const NoBody = z.object({}).strict()

/** Gifts: only signed-in players; each route checks the gift is the caller's to see or answer. */
export const giftMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/gifts*", middlewares: [player] },
  { matcher: "/store/gifts", methods: ["POST"], middlewares: [validateAndTransformBody(StoreGiftBody)] },
  { matcher: "/store/gifts", methods: ["GET"], middlewares: [validateQuery(StoreGiftListQuery)] },
  { matcher: "/store/gifts/:id/accept", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/gifts/:id/decline", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/gifts/:id/cancel", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/gifts/:id/refund", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/games/:id/gift-recipients", methods: ["GET"], middlewares: [player] },
]
