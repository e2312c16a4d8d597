import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
} from "@medusajs/framework/http"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { MedusaError } from "@medusajs/framework/utils"
import { SIGNUP_RESIDENCE_METADATA_KEY } from "../workflows/hooks/customer-residence"
import { countryCode } from "./utils/validators"
import { AdminResidenceLift } from "./utils/residence-validators"
import { formatIssues, validateQuery } from "./utils/validate-query"
import { kstoreErrorHandler } from "./utils/error-handler"
import { StoreSearchQuery, StoreSuggestQuery } from "./utils/search-validators"
import { inputGuard } from "./utils/input-guard"
import { notFoundHandler } from "./utils/not-found"
import { guestOrderOnly, ownOrderOnly } from "./utils/own-order"
import { accountMiddlewares } from "./utils/account-middlewares"
import { giftMiddlewares } from "./utils/gift-middlewares"
import { friendMiddlewares } from "./utils/friend-middlewares"
import { giftReportMiddlewares } from "./utils/gift-report-middlewares"
import { notificationMiddlewares } from "./utils/notification-middlewares"
import { recommendationMiddlewares } from "./utils/recommendation-middlewares"
import { catalogCacheMiddlewares } from "./utils/catalog-cache-middlewares"
import {
  AdminCreateGame,
  AdminGamesQuery,
  StoreGameFiltersQuery,
  AdminUpdateGame,
  GameDetailsSchema,
  ResidenceChangeBody,
  StoreCreateAccount,
  StoreUnsubscribe,
  StoreProfileChange,
  StoreGameQuery,
  StoreGamesQuery,
  PagingQuery,
  AdminAdjustPoints,
  AdminSetEarnRate,
  StoreSandboxPayment,
  StorePlayTime,
  StorePurchaseBody,
  StoreRefundBody,
} from "./utils/validators"

const optionalCustomer = authenticate("customer", ["session", "bearer"], {
  allowUnauthenticated: true,
})

/** `additional_data` of Medusa's stock sign-up, `POST /store/customers`. */
const SignupAdditionalData = z.object({ residence_country: countryCode.optional() }).strict().nullish()

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v)

/**
 * Stock sign-up with a residence country. Medusa 2.21's `POST /store/customers` validates its body
 * strictly (an `additional_data` field is refused) and does not pass additional data to
 * createCustomerAccountWorkflow, so this runs before Medusa's own middlewares (a RegExp matcher
 * sorts before static ones): it validates `additional_data` (400, nothing created, on an unknown
 * country), takes it off the body and hands the country to the customersCreated hook
 * (src/workflows/hooks/customer-residence.ts) in the new customer's metadata, which the hook clears.
 * A client cannot set that metadata key itself.
 */
async function signupResidence(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = req.body as Record<string, unknown> | undefined
    if (!isPlainObject(body)) return next()
    const parsed = SignupAdditionalData.safeParse(body.additional_data)
    if (!parsed.success) {
      return next(new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid additional_data: ${formatIssues(parsed.error)}`))
    }
    const additional = parsed.data
    delete body.additional_data
    if (isPlainObject(body.metadata) && SIGNUP_RESIDENCE_METADATA_KEY in body.metadata) {
      const { [SIGNUP_RESIDENCE_METADATA_KEY]: _ignored, ...rest } = body.metadata
      body.metadata = rest
    }
    if (additional?.residence_country) {
      const metadata = isPlainObject(body.metadata) ? body.metadata : body.metadata == null ? {} : null
      if (metadata) body.metadata = { ...metadata, [SIGNUP_RESIDENCE_METADATA_KEY]: additional.residence_country }
    }
    next()
  } catch (error) {
    next(error)
  }
}

export default defineMiddlewares({
  // Express runs these after every route: a request no route answered gets a JSON 404, then errors
  // are answered (an array is what Express's app.use takes; Medusa registers it as given).
  errorHandler: [notFoundHandler, kstoreErrorHandler] as any,
  routes: [
    // Every request, before any route's own middlewares and validation (a global "/*" sorts first):
    // no NUL / lone surrogate in the path, query or body, no absurdly deep or long bodies.
    { matcher: "/*", middlewares: [inputGuard] },
    ...accountMiddlewares,
    ...giftMiddlewares,
    ...friendMiddlewares,
    ...giftReportMiddlewares,
    ...notificationMiddlewares,
    ...recommendationMiddlewares,
    ...catalogCacheMiddlewares,
    { matcher: "/store/game-filters", methods: ["GET"], middlewares: [validateQuery(StoreGameFiltersQuery)] },
    { matcher: "/store/games", methods: ["GET"], middlewares: [optionalCustomer, validateQuery(StoreGamesQuery)] },
    { matcher: "/store/games/:id", methods: ["GET"], middlewares: [optionalCustomer, validateQuery(StoreGameQuery)] },
    { matcher: "/store/search", methods: ["GET"], middlewares: [optionalCustomer, validateQuery(StoreSearchQuery)] },
    { matcher: "/store/search/suggest", methods: ["GET"], middlewares: [optionalCustomer, validateQuery(StoreSuggestQuery)] },
    { matcher: "/store/mail/unsubscribe", methods: ["POST"], middlewares: [validateAndTransformBody(StoreUnsubscribe)] },
    {
      matcher: "/store/accounts",
      methods: ["POST"],
      middlewares: [
        authenticate("customer", ["session", "bearer"], { allowUnregistered: true }),
        validateAndTransformBody(StoreCreateAccount),
      ],
    },
    { matcher: /^\/store\/customers\/?$/, methods: ["POST"], middlewares: [signupResidence] },
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
    { matcher: "/store/purchases*", middlewares: [authenticate("customer", ["session", "bearer"])] },
    { matcher: "/store/purchases", methods: ["POST"], middlewares: [validateAndTransformBody(StorePurchaseBody)] },
    { matcher: "/store/library*", middlewares: [authenticate("customer", ["session", "bearer"])] },
    { matcher: "/store/refunds*", middlewares: [authenticate("customer", ["session", "bearer"])] },
    { matcher: "/store/customers/me/profile", methods: ["POST"], middlewares: [validateAndTransformBody(StoreProfileChange)] },
    { matcher: "/store/players*", middlewares: [authenticate("customer", ["session", "bearer"])] },
    { matcher: "/store/orders/:id", methods: ["GET"], middlewares: [optionalCustomer, ownOrderOnly] },
    { matcher: "/store/orders/:id/transfer/request", methods: ["POST"], middlewares: [guestOrderOnly] },
    {
      matcher: "/store/orders/:id/refunds",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateAndTransformBody(StoreRefundBody)],
    },
    { matcher: "/store/purchases/:id/refunds", methods: ["POST"], middlewares: [validateAndTransformBody(StoreRefundBody)] },
    {
      matcher: "/store/purchases/:id/sandbox-payment",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(StoreSandboxPayment)],
    },
    { matcher: "/store/library/:id/play", methods: ["POST"], middlewares: [validateAndTransformBody(StorePlayTime)] },
    { matcher: "/store/customers/me/points", methods: ["GET"], middlewares: [validateQuery(PagingQuery)] },
    { matcher: "/admin/customers/:id/points", methods: ["GET"], middlewares: [validateQuery(PagingQuery)] },
    {
      matcher: "/admin/customers/:id/points/adjustments",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminAdjustPoints)],
    },
    {
      matcher: "/admin/customers/:id/residence/lift",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminResidenceLift)],
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
