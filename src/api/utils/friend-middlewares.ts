import { authenticate, validateAndTransformBody } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { NoBody, NoQuery, StoreFriendBlockBody, StoreFriendRequestBody } from "./friend-validators"
import { validateQuery } from "./validate-query"

/** Friends: only signed-in players; each route checks the request or friendship is the caller's. */
export const friendMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/friends*", middlewares: [authenticate("customer", ["session", "bearer"])] },
  { matcher: "/store/friends", methods: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/store/friends/requests", methods: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/store/friends/blocks", methods: ["GET"], middlewares: [validateQuery(NoQuery)] },
  { matcher: "/store/friends/requests", methods: ["POST"], middlewares: [validateAndTransformBody(StoreFriendRequestBody)] },
  { matcher: "/store/friends/requests/:id/accept", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/friends/requests/:id/decline", methods: ["POST"], middlewares: [validateAndTransformBody(NoBody)] },
  { matcher: "/store/friends/blocks", methods: ["POST"], middlewares: [validateAndTransformBody(StoreFriendBlockBody)] },
]
