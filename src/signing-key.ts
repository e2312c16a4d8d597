import { createHmac } from "crypto"
import { MIN_PRODUCTION_SECRET_LENGTH, processSecret } from "./secrets"

export class MissingSecretError extends Error {}

/**
 * The key a kind of mailed link is signed with: the variable `explicitVar` names when set, else
 * derived from `JWT_SECRET` (an HMAC of a label naming the purpose, so neither the JWT key nor
 * another purpose's key is ever used; `npm start` keeps a generated JWT_SECRET). In production a
 * missing or short secret is refused: no link is made or accepted (fail closed). Outside
 * production a missing JWT_SECRET is random per process.
 */
export function signingKey(purpose: string, explicitVar?: string): Buffer {
  const production = process.env.NODE_ENV === "production"
  const explicit = explicitVar ? process.env[explicitVar] : undefined
  if (explicit) {
    if (production && explicit.length < MIN_PRODUCTION_SECRET_LENGTH) {
      throw new MissingSecretError(`${explicitVar} must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`)
    }
    return Buffer.from(explicit)
  }
  const base = process.env.JWT_SECRET
  if (production && (!base || base.length < MIN_PRODUCTION_SECRET_LENGTH)) {
    throw new MissingSecretError(`${explicitVar ? `${explicitVar} or ` : ""}JWT_SECRET must be set to a real secret in production`)
  }
  // medusa-config.ts puts the same per-process value in JWT_SECRET when none is configured.
  return createHmac("sha256", base || processSecret("JWT_SECRET")).update(`kstore:${purpose}:v1`).digest()
}
