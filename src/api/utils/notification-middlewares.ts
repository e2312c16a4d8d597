import { authenticate, validateAndTransformBody } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { PagingQuery } from "./validators"
import { validateQuery } from "./validate-query"

/** `until`: the newest notice the client showed, so one that came after stays unread. */
export const StoreNotificationsSeenBody = z
  .object({ until: z.string().max(40).datetime({ offset: true, message: "until must be an ISO 8601 date-time with its offset" }).optional() })
  .strict()

/** The in-app inbox: only the signed-in player's own notices (the routes filter on the actor). */
export const notificationMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/notifications*", middlewares: [authenticate("customer", ["session", "bearer"])] },
  { matcher: "/store/notifications", methods: ["GET"], middlewares: [validateQuery(PagingQuery)] },
  { matcher: "/store/notifications/seen", methods: ["POST"], middlewares: [validateAndTransformBody(StoreNotificationsSeenBody)] },
]
