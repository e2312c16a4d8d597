import { storefrontLink } from "../mail/links"
import { createHmac, timingSafeEqual } from "crypto"
import { signingKey } from "../../signing-key"

/** How long a mailed verification link stays valid. */
export const EMAIL_VERIFICATION_TTL_SECONDS = 48 * 3600

const PURPOSE = "email-verification"

export { MissingSecretError } from "../../signing-key"

const key = () => signingKey(PURPOSE, "EMAIL_VERIFICATION_SECRET")

const b64 = (s: string) => Buffer.from(s).toString("base64url")
export const normalizeEmail = (email: string) => String(email).trim().toLowerCase()

/** A verification token: the customer, the address it proves and an expiry, signed with HMAC-SHA256. */
export function signEmailVerification(customerId: string, email: string, now = Date.now(), ttl = EMAIL_VERIFICATION_TTL_SECONDS) {
  const expires = Math.floor(now / 1000) + ttl
  const payload = b64(JSON.stringify({ p: PURPOSE, c: customerId, e: normalizeEmail(email), x: expires }))
  const sig = createHmac("sha256", key()).update(payload).digest("base64url")
  return { token: `${payload}.${sig}`, expires_at: new Date(expires * 1000) }
}

export type EmailVerificationClaim = { customer_id: string; email: string; expires_at: Date }

export function verifyEmailVerification(
  token: string,
  now = Date.now()
): { ok: true; claim: EmailVerificationClaim } | { ok: false; reason: "malformed" | "bad_signature" | "expired" } {
  const parts = String(token).split(".")
  const [payload, sig] = parts
  if (parts.length !== 2 || !payload || !sig) return { ok: false, reason: "malformed" }
  // Compare the signature's text: several base64url spellings decode to the same bytes.
  const expected = Buffer.from(createHmac("sha256", key()).update(payload).digest("base64url"))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" }
  let body: { p?: string; c?: unknown; e?: unknown; x?: unknown }
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
  } catch {
    return { ok: false, reason: "malformed" }
  }
  if (body.p !== PURPOSE || typeof body.c !== "string" || typeof body.e !== "string" || typeof body.x !== "number") {
    return { ok: false, reason: "malformed" }
  }
  if (body.x * 1000 < now) return { ok: false, reason: "expired" }
  return { ok: true, claim: { customer_id: body.c, email: body.e, expires_at: new Date(body.x * 1000) } }
}

/** Where the mailed link points: the storefront's page, which calls `GET /store/email-verifications/:token`. */
export function verificationUrl(token: string) {
  return storefrontLink(`/verify-email?token=${encodeURIComponent(token)}`)
}
