import { authenticate, validateAndTransformBody } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { StoreFriendBlockBody, StoreFriendRequestBody, StoreGiftBody, StoreGiftListQuery } from "./gift-validators"
import { validateQuery } from "./validate-query"

const player = authenticate("customer", ["session", "bearer"])
const NoBody = z.object({}).strict()

/** Friends and gifts: only signed-in players; each route checks the gift is the caller's to see or answer. */
export const giftMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/gifts*", middlewares: [player] },
  { matcher: "/store/gifts", methods: ["POST"], middlewares: [validateAndTransformBody(StoreGiftBody)] },
  { matcher: "/store/gifts", methods: ["GET"], middlewares: [validateQuery(StoreGiftListQuery)] },
  { matcher: "/store/gifts/:id/accept", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/gifts/:id/decline", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/gifts/:id/cancel", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/games/:id/gift-recipients", methods: ["GET"], middlewares: [player] },
  { matcher: "/store/friends*", middlewares: [player] },
  { matcher: "/store/friends/requests", methods: ["POST"], middlewares: [validateAndTransformBody(StoreFriendRequestBody)] },
  { matcher: "/store/friends/requests/:id/accept", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/friends/requests/:id/decline", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/friends/blocks", methods: ["POST"], middlewares: [validateAndTransformBody(StoreFriendBlockBody)] },
]
