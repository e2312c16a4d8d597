import { authenticate, validateAndTransformBody } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { signupEmail } from "../../workflows/steps/signup-email"
import { rateLimit } from "./rate-limit"

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v)

/**
 * Sign-up (`POST /store/accounts`, stock `POST /store/customers`): the customer's email is the
 * login identity's. Another address in the body → 400 `email_mismatch`; none → the identity's is
 * put in the body, before the route's own validation reads it.
 */
async function signupIdentityEmail(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const body = req.body as Record<string, unknown> | undefined
    const auth = (req as any).auth_context as { auth_identity_id?: string; actor_id?: string } | undefined
    // Not a sign-up the route would take (already a customer, or no identity): the route answers.
    if (!isPlainObject(body) || !auth?.auth_identity_id || auth.actor_id) return next()
    if (body.email != null && typeof body.email !== "string") return next()
    body.email = await signupEmail(req.scope, auth.auth_identity_id, body.email as string | null | undefined)
    next()
  } catch (error) {
    next(error)
  }
}

/**
 * Middlewares of sign-up, login and email verification. The matchers are RegExps so that they
 * run before the static ones of our routes and Medusa's (its auth routes and stock sign-up).
 */
export const accountMiddlewares: MiddlewareRoute[] = [
  { matcher: /^\/auth\/(customer|user)\/emailpass\/?$/, methods: ["POST"], middlewares: [rateLimit("login")] },
  { matcher: /^\/auth\/(customer|user)\/emailpass\/register\/?$/, methods: ["POST"], middlewares: [rateLimit("register")] },
  {
    matcher: /^\/store\/(accounts|customers)\/?$/,
    methods: ["POST"],
    middlewares: [
      rateLimit("signup"),
      authenticate("customer", ["session", "bearer"], { allowUnregistered: true }),
      signupIdentityEmail,
    ],
  },
  {
    matcher: "/store/email-verifications/:token",
    methods: ["GET", "POST"],
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateAndTransformBody(z.object({}).strict()),
    ],
  },
  // A re-send takes nothing but the signed-in customer.
  {
    matcher: "/store/customers/me/email-verification",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(z.object({}).strict())],
  },
]
