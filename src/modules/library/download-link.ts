import { createHmac, timingSafeEqual } from "crypto"
import { processSecret } from "../../secrets"

export const DOWNLOAD_LINK_TTL_SECONDS = 15 * 60

// medusa-config.ts always sets DOWNLOAD_SIGNING_SECRET (explicit, or random per process outside
// production); the per-process fallback only serves code running without that config.
function secret() {
  return process.env.DOWNLOAD_SIGNING_SECRET || processSecret("DOWNLOAD_SIGNING_SECRET")
}

const b64 = (s: string) => Buffer.from(s).toString("base64url")

/** A download token: the entitlement, its owner and an expiry, signed with HMAC-SHA256. */
export function signDownload(entitlementId: string, customerId: string, now = Date.now(), ttl = DOWNLOAD_LINK_TTL_SECONDS) {
  const expires = Math.floor(now / 1000) + ttl
  const payload = b64(JSON.stringify({ e: entitlementId, c: customerId, x: expires }))
  const sig = createHmac("sha256", secret()).update(payload).digest("base64url")
  return { token: `${payload}.${sig}`, expires_at: new Date(expires * 1000) }
}

export type DownloadClaim = { entitlement_id: string; customer_id: string; expires_at: Date }

export function verifyDownload(token: string, now = Date.now()): { ok: true; claim: DownloadClaim } | { ok: false; reason: "malformed" | "bad_signature" | "expired" } {
  const parts = String(token).split(".")
  const [payload, sig] = parts
  if (parts.length !== 2 || !payload || !sig) return { ok: false, reason: "malformed" }
  // Compare the signature's text, not its decoded bytes: base64url's last character carries
  // padding bits, so several spellings decode to the same bytes and a decoded compare accepts them.
  const expected = Buffer.from(createHmac("sha256", secret()).update(payload).digest("base64url"))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" }
  let body: { e: string; c: string; x: number }
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
  } catch {
    return { ok: false, reason: "malformed" }
  }
  if (body.x * 1000 < now) return { ok: false, reason: "expired" }
  return { ok: true, claim: { entitlement_id: body.e, customer_id: body.c, expires_at: new Date(body.x * 1000) } }
}
