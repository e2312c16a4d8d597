import { signEmailVerification, verifyEmailVerification, verificationUrl } from "../verification-token"

const withEnv = (env: Record<string, string | undefined>, fn: () => void) => {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(env)) (v === undefined ? delete process.env[k] : (process.env[k] = v))
  try {
    fn()
  } finally {
    for (const [k, v] of Object.entries(saved)) (v === undefined ? delete process.env[k] : (process.env[k] = v))
  }
}

describe("email verification tokens", () => {
  it("carries the customer and the lower-cased address until it expires", () => {
    const now = Date.now()
    const { token, expires_at } = signEmailVerification("cus_1", " Player@Example.com", now)
    expect(expires_at.getTime()).toBe((Math.floor(now / 1000) + 48 * 3600) * 1000)
    expect(verifyEmailVerification(token, now)).toEqual({ ok: true, claim: { customer_id: "cus_1", email: "player@example.com", expires_at } })
    expect(verifyEmailVerification(token, expires_at.getTime() + 1000)).toEqual({ ok: false, reason: "expired" })
  })

  it("refuses tampered and foreign tokens", () => {
    const { token } = signEmailVerification("cus_1", "player@example.com")
    const [payload, sig] = token.split(".")
    const other = Buffer.from(JSON.stringify({ p: "email-verification", c: "cus_2", e: "player@example.com", x: 4e9 })).toString("base64url")
    expect(verifyEmailVerification(`${other}.${sig}`)).toEqual({ ok: false, reason: "bad_signature" })
    expect(verifyEmailVerification(`${payload}.${sig}x`)).toEqual({ ok: false, reason: "bad_signature" })
    expect(verifyEmailVerification("nonsense")).toEqual({ ok: false, reason: "malformed" })
    let foreign = ""
    withEnv({ EMAIL_VERIFICATION_SECRET: "someone-else" }, () => (foreign = signEmailVerification("cus_1", "player@example.com").token))
    expect(verifyEmailVerification(foreign)).toEqual({ ok: false, reason: "bad_signature" })
  })

  it("derives its key from JWT_SECRET, and fails closed in production without a real one", () => {
    let token = ""
    withEnv({ EMAIL_VERIFICATION_SECRET: undefined, JWT_SECRET: "jwt-one" }, () => (token = signEmailVerification("cus_1", "a@example.com").token))
    withEnv({ EMAIL_VERIFICATION_SECRET: undefined, JWT_SECRET: "jwt-one" }, () => expect(verifyEmailVerification(token).ok).toBe(true))
    withEnv({ EMAIL_VERIFICATION_SECRET: undefined, JWT_SECRET: "jwt-two" }, () => expect(verifyEmailVerification(token).ok).toBe(false))
    withEnv({ NODE_ENV: "production", EMAIL_VERIFICATION_SECRET: "short" }, () =>
      expect(() => signEmailVerification("cus_1", "a@example.com")).toThrow(/at least 32/)
    )
    for (const JWT_SECRET of [undefined, "short-and-guessable"]) {
      withEnv({ NODE_ENV: "production", EMAIL_VERIFICATION_SECRET: undefined, JWT_SECRET }, () => {
        expect(() => signEmailVerification("cus_1", "a@example.com")).toThrow(/must be set/)
        expect(() => verifyEmailVerification(token)).toThrow(/must be set/)
      })
    }
  })

  it("links to the storefront's page", () => {
    withEnv({ KSTORE_STOREFRONT_URL: "https://play.example.com/", STORE_CORS: undefined }, () =>
      expect(verificationUrl("a.b")).toBe("https://play.example.com/verify-email?token=a.b")
    )
    withEnv({ KSTORE_STOREFRONT_URL: undefined, STORE_CORS: "https://shop.example.com,https://x.example.com" }, () =>
      expect(verificationUrl("a.b")).toBe("https://shop.example.com/verify-email?token=a.b")
    )
  })
})
