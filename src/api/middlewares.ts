import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import { validateQuery } from "./utils/validate-query"
import { kstoreErrorHandler } from "./utils/error-handler"
import {
  AdminCreateGame,
  AdminGamesQuery,
  AdminUpdateGame,
  GameDetailsSchema,
  ResidenceChangeBody,
  StoreCreateAccount,
  StoreGameQuery,
  StoreGamesQuery,
  PagingQuery,
  AdminAdjustPoints,
  AdminSetEarnRate,
  StorePreorderBody,
  StoreSandboxPayment,
  StorePlayTime,
} from "./utils/validators"

const optionalCustomer = authenticate("customer", ["session", "bearer"], {
  allowUnauthenticated: true,
})

export default defineMiddlewares({
  errorHandler: kstoreErrorHandler as any,
  routes: [
    { matcher: "/store/games", methods: ["GET"], middlewares: [optionalCustomer, validateQuery(StoreGamesQuery)] },
    { matcher: "/store/games/:id", methods: ["GET"], middlewares: [optionalCustomer, validateQuery(StoreGameQuery)] },
    {
      matcher: "/store/accounts",
      methods: ["POST"],
      middlewares: [
        authenticate("customer", ["session", "bearer"], { allowUnregistered: true }),
        validateAndTransformBody(StoreCreateAccount),
      ],
    },
    {
      matcher: "/store/customers/me/residence",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(ResidenceChangeBody)],
    },
    {
      matcher: "/store/payment-methods",
      methods: ["GET"],
      middlewares: [optionalCustomer, validateQuery(StoreGameQuery.pick({ country_code: true }))],
    },
    { matcher: "/store/preorders*", middlewares: [authenticate("customer", ["session", "bearer"])] },
    { matcher: "/store/library*", middlewares: [authenticate("customer", ["session", "bearer"])] },
    { matcher: "/store/library/:id/play", methods: ["POST"], middlewares: [validateAndTransformBody(StorePlayTime)] },
    { matcher: "/store/preorders", methods: ["POST"], middlewares: [validateAndTransformBody(StorePreorderBody)] },
    {
      matcher: "/store/preorders/:id/sandbox-payment",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(StoreSandboxPayment)],
    },
    { matcher: "/store/customers/me/points", methods: ["GET"], middlewares: [validateQuery(PagingQuery)] },
    {
      matcher: "/store/notifications",
      methods: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateQuery(PagingQuery)],
    },
    { matcher: "/admin/customers/:id/points", methods: ["GET"], middlewares: [validateQuery(PagingQuery)] },
    {
      matcher: "/admin/customers/:id/points/adjustments",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminAdjustPoints)],
    },
    { matcher: "/admin/points/earn-rates", methods: ["POST"], middlewares: [validateAndTransformBody(AdminSetEarnRate)] },
    { matcher: "/admin/games", methods: ["GET"], middlewares: [validateQuery(AdminGamesQuery)] },
    { matcher: "/admin/games", methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreateGame)] },
    { matcher: "/admin/games/:id", methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdateGame)] },
    {
      matcher: "/admin/products/:id/game",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(GameDetailsSchema)],
    },
  ],
})
