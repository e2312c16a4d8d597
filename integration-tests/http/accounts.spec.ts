import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, ADMIN, createGame, failure, seedForTests, signUpPlayer, storeHeaders } from "../helpers"
import { flushMail } from "../../src/modules/mail/outbox"
import { ACCOUNT_MODULE } from "../../src/modules/account"
import type AccountModuleService from "../../src/modules/account/service"
import { signEmailVerification } from "../../src/modules/account/verification-token"
import { REGION_POLICY_MODULE } from "../../src/modules/region-policy"
import type RegionPolicyModuleService from "../../src/modules/region-policy/service"

jest.setTimeout(180 * 1000)

const PASSWORD = "player-pass-1"
const CARD = { method: "card", account: "4242424242424242" }
const prices = [
  { currency_code: "krw", amount: 22000 },
  { currency_code: "usd", amount: 19.99 },
  { currency_code: "eur", amount: 19.99 },
]
const address = (country_code: string) => ({
  first_name: "Mail",
  last_name: "Checker",
  address_1: "1 Main Street",
  city: "Capital",
  postal_code: "10000",
  country_code,
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let game: any
    let keyNo = 0
    const key = () => ({ "idempotency-key": `accounts-test-${++keyNo}-${Date.now()}` })
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const accounts = () => getContainer().resolve<AccountModuleService>(ACCOUNT_MODULE)

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 3)).publishable_key
      const admin = await adminHeaders(api)
      game = await createGame(api, admin, { title: "Verified Voyage", prices, service_countries: ["KR", "US", "DE"], release_in_days: -10 })
    })

    const register = async (email: string, headers: Record<string, string> = {}) =>
      (await api.post("/auth/customer/emailpass/register", { email, password: PASSWORD }, { headers })).data.token as string
    const login = async (email: string) => (await api.post("/auth/customer/emailpass", { email, password: PASSWORD })).data.token as string
    const customersWith = async (email: string) =>
      (await query().graph({ entity: "customer", fields: ["id"], filters: { email } })).data.length
    /** Every verification mail sent to `email` (the outbox flushed first), oldest first. */
    const verificationMails = async (email: string) => {
      await flushMail(getContainer())
      const sent = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: email, channel: "email", template: "email-verification" } as any, { order: { created_at: "ASC" } } as any)
      return sent as any[]
    }
    /** The token of the mailed link, as the storefront's /verify-email page reads it. */
    const tokenOf = (mail: any) => new URL(mail.data.url).searchParams.get("token")!
    const buy = (token: string) => api.post("/store/purchases", { game_ids: [game.id], payment: CARD }, storeHeaders(pk, token, key()))
    const counts = async (customerId: string) => {
      const q = query()
      const [orders, purchases, carts] = await Promise.all([
        q.graph({ entity: "order", fields: ["id"], filters: { customer_id: customerId } }),
        q.graph({ entity: "purchase", fields: ["id"], filters: { customer_id: customerId } }),
        q.graph({ entity: "cart", fields: ["id"], filters: { customer_id: customerId } }),
      ])
      return { orders: orders.data.length, purchases: purchases.data.length, carts: carts.data.length }
    }

    describe("sign-up email", () => {
      it("refuses a body email other than the login identity's with 400 email_mismatch, on our sign-up and Medusa's", async () => {
        const reg = await register("real.owner@example.com")
        const ours = await failure(
          api.post("/store/accounts", { email: "someone.else@example.com", residence_country: "KR" }, storeHeaders(pk, reg))
        )
        expect([ours.status, ours.data.code]).toEqual([400, "email_mismatch"])
        const stock = await failure(api.post("/store/customers", { email: "someone.else@example.com" }, storeHeaders(pk, reg)))
        expect([stock.status, stock.data.code]).toEqual([400, "email_mismatch"])
        expect(await customersWith("someone.else@example.com")).toBe(0)
        expect(await customersWith("real.owner@example.com")).toBe(0)

        // Case and spaces are no difference; the customer gets the identity's own spelling.
        const { data } = await api.post(
          "/store/accounts",
          { email: " Real.Owner@Example.com ", residence_country: "KR" },
          storeHeaders(pk, reg)
        )
        expect(data.customer).toMatchObject({ email: "real.owner@example.com", residence_country: "KR" })
      })

      it("takes the identity's email when the body has none", async () => {
        const ours = await register("no.email.ours@example.com")
        const { data } = await api.post("/store/accounts", { residence_country: "US" }, storeHeaders(pk, ours))
        expect(data.customer).toMatchObject({ email: "no.email.ours@example.com", residence_country: "US" })
        const stock = await register("no.email.stock@example.com")
        const { data: created } = await api.post("/store/customers", { first_name: "Stock" }, storeHeaders(pk, stock))
        expect(created.customer).toMatchObject({ email: "no.email.stock@example.com", has_account: true })
      })
    })

    describe("email verification", () => {
      it("refuses a purchase before verification with 403 email_unverified and writes nothing", async () => {
        const email = "unverified.buyer@example.com"
        const { customer, token } = await signUpPlayer(api, pk, email, "KR", { verified: false })
        const before = await counts(customer.id)
        const res = await failure(buy(token))
        expect([res.status, res.data.code]).toEqual([403, "email_unverified"])
        expect(await counts(customer.id)).toEqual(before)
        expect(before).toEqual({ orders: 0, purchases: 0, carts: 0 })

        // A cart of theirs, through our purchase route and through a stock checkout.
        const h = storeHeaders(pk, token)
        const { data: regions } = await api.get("/store/regions", h)
        const krw = regions.regions.find((r: any) => r.currency_code === "krw")
        const { data: created } = await api.post("/store/carts", { region_id: krw.id, items: [{ variant_id: game.variant_id, quantity: 1 }] }, h)
        const cartId = created.cart.id
        const viaPurchase = await failure(api.post("/store/purchases", { cart_id: cartId, payment: CARD }, storeHeaders(pk, token, key())))
        expect([viaPurchase.status, viaPurchase.data.code]).toEqual([403, "email_unverified"])
        await api.post(`/store/carts/${cartId}`, { email, billing_address: address("kr") }, h)
        const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, h)
        await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_sandbox_sandbox" }, h)
        const stock = await failure(api.post(`/store/carts/${cartId}/complete`, {}, h))
        expect([stock.status, stock.data.code]).toEqual([403, "email_unverified"])
        expect(await counts(customer.id)).toEqual({ orders: 0, purchases: 0, carts: 1 })
      })

      it("does not adopt a billing country as residence for an unverified stock buyer", async () => {
        const email = "unverified.stock@example.com"
        const reg = await register(email)
        const { data } = await api.post("/store/customers", { email }, storeHeaders(pk, reg))
        const token = await login(email)
        const h = storeHeaders(pk, token)
        const { data: regions } = await api.get("/store/regions", h)
        const usd = regions.regions.find((r: any) => r.currency_code === "usd")
        const { data: created } = await api.post("/store/carts", { region_id: usd.id, items: [{ variant_id: game.variant_id, quantity: 1 }] }, h)
        await api.post(`/store/carts/${created.cart.id}`, { email, billing_address: address("us") }, h)
        const { data: pc } = await api.post("/store/payment-collections", { cart_id: created.cart.id }, h)
        await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_sandbox_sandbox" }, h)
        const res = await failure(api.post(`/store/carts/${created.cart.id}/complete`, {}, h))
        expect([res.status, res.data.code]).toEqual([403, "email_unverified"])
        const policy = getContainer().resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
        expect(await policy.getResidenceCountry(data.customer.id)).toBeNull()
        // Medusa's own sign-up mails the link too.
        expect(await verificationMails(email)).toHaveLength(1)
      })

      it("mails a signed link at sign-up; following it verifies the address, and the purchase goes through", async () => {
        const email = "link.follower@example.com"
        const { customer, token } = await signUpPlayer(api, pk, email, "KR", { verified: false })
        const h = storeHeaders(pk, token)
        expect((await api.get("/store/customers/me/email-verification", h)).data.email_verification).toMatchObject({ email, verified: false })

        const [mail, ...more] = await verificationMails(email)
        expect(more).toHaveLength(0)
        expect(mail.data).toMatchObject({ subject: "Confirm your email address", text: expect.stringContaining(mail.data.url) })
        expect(mail.data.url).toMatch(/^http:\/\/localhost:8000\/verify-email\?token=/)

        // The storefront's page hands the token to the API; the link works signed in or not.
        const { data } = await api.get(`/store/email-verifications/${tokenOf(mail)}`, storeHeaders(pk))
        expect(data.email_verification).toMatchObject({ customer_id: customer.id, email, verified: true })
        const again = await api.post(`/store/email-verifications/${tokenOf(mail)}`, {}, h)
        expect(again.data.email_verification.verified_at).toBe(data.email_verification.verified_at)
        expect((await api.get("/store/customers/me/email-verification", h)).data.email_verification).toMatchObject({ verified: true })
        expect(await accounts().isEmailVerified(customer.id)).toBe(true)

        const { data: bought } = await buy(token)
        expect(bought.purchase.status).toBe("pending")
        const settled = (await api.get(`/store/purchases/${bought.purchase.id}?wait=15`, h)).data.purchase
        expect(settled.status).toBe("completed")
      })

      it("refuses forged, tampered, expired and other customers' links with 4xx, and verifies nothing", async () => {
        const a = await signUpPlayer(api, pk, "link.owner@example.com", "KR", { verified: false })
        const b = await signUpPlayer(api, pk, "link.other@example.com", "KR", { verified: false })
        const [mail] = await verificationMails("link.owner@example.com")
        const good = tokenOf(mail)
        const follow = (token: string, h = storeHeaders(pk)) => failure(api.get(`/store/email-verifications/${encodeURIComponent(token)}`, h))
        const [payload, sig] = good.split(".")

        // Tampered signature; A's payload rewritten to B (the signature no longer fits); garbage.
        const flipped = sig.slice(0, -2) + (sig[sig.length - 2] === "A" ? "B" : "A") + sig.slice(-1)
        const otherPayload = Buffer.from(
          JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), c: b.customer.id, e: "link.other@example.com" })
        ).toString("base64url")
        for (const token of [`${payload}.${flipped}`, `${otherPayload}.${sig}`, "not-a-token", `${payload}.`]) {
          const res = await follow(token)
          expect([token, res.status, res.data.code]).toEqual([token, 400, "verification_invalid"])
        }
        // Signed with another key: the same.
        const saved = process.env.EMAIL_VERIFICATION_SECRET
        process.env.EMAIL_VERIFICATION_SECRET = "an-attacker-s-own-key"
        const forged = signEmailVerification(a.customer.id, "link.owner@example.com").token
        if (saved === undefined) delete process.env.EMAIL_VERIFICATION_SECRET
        else process.env.EMAIL_VERIFICATION_SECRET = saved
        expect([(await follow(forged)).status, (await follow(forged)).data.code]).toEqual([400, "verification_invalid"])

        const expired = signEmailVerification(a.customer.id, "link.owner@example.com", Date.now() - 3 * 24 * 3600e3).token
        expect((await follow(expired)).data.code).toBe("verification_expired")
        expect((await follow(expired)).status).toBe(400)

        // A's link in B's session: not theirs. A's id with B's address (a real signature): refused.
        const inOtherSession = await follow(good, storeHeaders(pk, b.token))
        expect([inOtherSession.status, inOtherSession.data.code]).toEqual([403, "verification_other_customer"])
        const crossed = await follow(signEmailVerification(a.customer.id, "link.other@example.com").token)
        expect([crossed.status, crossed.data.code]).toEqual([400, "verification_invalid"])
        const unknown = await follow(signEmailVerification("cus_does_not_exist", "link.owner@example.com").token)
        expect(unknown.status).toBe(400)

        expect(await accounts().isEmailVerified(a.customer.id)).toBe(false)
        expect(await accounts().isEmailVerified(b.customer.id)).toBe(false)
        expect((await failure(buy(a.token))).data.code).toBe("email_unverified")
      })

      it("re-sends the link to a signed-in player, and nothing once verified", async () => {
        const email = "resend.me@example.com"
        const { customer, token } = await signUpPlayer(api, pk, email, "US", { verified: false })
        const h = storeHeaders(pk, token)
        expect((await failure(api.post("/store/customers/me/email-verification", {}, storeHeaders(pk)))).status).toBe(401)

        const res = await api.post("/store/customers/me/email-verification", {}, h)
        expect(res.status).toBe(202)
        expect(res.data.email_verification).toMatchObject({ email, verified: false, sent: true })
        const mails = await verificationMails(email)
        expect(mails).toHaveLength(2)
        const { data } = await api.get(`/store/email-verifications/${tokenOf(mails[1])}`, storeHeaders(pk))
        expect(data.email_verification).toMatchObject({ customer_id: customer.id, verified: true })

        const after = await api.post("/store/customers/me/email-verification", {}, h)
        expect(after.status).toBe(200)
        expect(after.data.email_verification).toMatchObject({ verified: true })
        expect(await verificationMails(email)).toHaveLength(2)
      })

      it("creates the seed's demo players verified", async () => {
        const { data } = await query().graph({ entity: "customer", fields: ["id", "email"], filters: { email: "minji.kim@example.com" } })
        expect(data).toHaveLength(1)
        expect(await accounts().isEmailVerified(data[0].id)).toBe(true)
        expect(await verificationMails("minji.kim@example.com")).toHaveLength(0)
      })
    })

    describe("login and sign-up rate limits", () => {
      const VARS = ["KSTORE_RATE_LIMIT_LOGIN_IP", "KSTORE_RATE_LIMIT_LOGIN_ACCOUNT", "KSTORE_RATE_LIMIT_SIGNUP_IP", "KSTORE_RATE_LIMIT_SIGNUP_ACCOUNT"]
      let saved: Record<string, string | undefined> = {}
      beforeEach(() => {
        saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]))
      })
      // jest --runInBand runs every spec file in this process: leave the environment as found.
      afterEach(() => {
        for (const v of VARS) {
          if (saved[v] === undefined) delete process.env[v]
          else process.env[v] = saved[v]
        }
      })

      const from = (ip: string, extra: Record<string, string> = {}) => ({ headers: { "x-forwarded-for": ip, ...extra } })
      const attempt = (path: string, body: any, ip: string) =>
        api.post(path, body, from(ip)).then(
          (r: any) => ({ status: r.status as number, headers: r.headers, data: r.data }),
          (e: any) => {
            if (!e.response) throw e
            return { status: e.response.status as number, headers: e.response.headers, data: e.response.data }
          }
        )
      const expectLimited = (res: { status: number; headers: any; data: any }, maxSeconds: number) => {
        expect([res.status, res.data.code]).toEqual([429, "rate_limited"])
        const retry = Number(res.headers["retry-after"])
        expect(retry).toBeGreaterThanOrEqual(1)
        expect(retry).toBeLessThanOrEqual(maxSeconds)
      }

      it("answers 429 with Retry-After after N login attempts from one IP, for players and staff", async () => {
        process.env.KSTORE_RATE_LIMIT_LOGIN_IP = "3/60"
        const ip = "198.51.100.7"
        for (let i = 0; i < 3; i++) {
          expect((await attempt("/auth/customer/emailpass", { email: `ip.guess.${i}@example.com`, password: "wrong-pass-1" }, ip)).status).toBe(401)
        }
        expectLimited(await attempt("/auth/customer/emailpass", { email: "ip.guess.9@example.com", password: "wrong-pass-1" }, ip), 60)
        // Another address is not held back; staff logins count on their own.
        expect((await attempt("/auth/customer/emailpass", { email: "ip.guess.9@example.com", password: "wrong-pass-1" }, "198.51.100.8")).status).toBe(401)
        for (let i = 0; i < 3; i++) {
          expect((await attempt("/auth/user/emailpass", { email: `staff.${i}@example.com`, password: "wrong-pass-1" }, ip)).status).toBe(401)
        }
        expectLimited(await attempt("/auth/user/emailpass", ADMIN, ip), 60)
      })

      it("answers 429 after N login attempts on one account from any IP; a successful login clears the count", async () => {
        process.env.KSTORE_RATE_LIMIT_LOGIN_ACCOUNT = "3/120"
        const email = "brute.target@example.com"
        await signUpPlayer(api, pk, email, "KR")
        for (let i = 0; i < 3; i++) {
          expect((await attempt("/auth/customer/emailpass", { email, password: "wrong-pass-1" }, `203.0.113.${i + 1}`)).status).toBe(401)
        }
        // Even the right password now waits; other accounts do not.
        expectLimited(await attempt("/auth/customer/emailpass", { email: " Brute.Target@example.com", password: PASSWORD }, "203.0.113.50"), 120)
        expect((await attempt("/auth/customer/emailpass", { email: "bystander@example.com", password: "wrong-pass-1" }, "203.0.113.1")).status).toBe(401)

        const other = "forgetful.player@example.com"
        await signUpPlayer(api, pk, other, "KR")
        for (let i = 0; i < 2; i++) expect((await attempt("/auth/customer/emailpass", { email: other, password: "wrong-pass-1" }, "203.0.113.60")).status).toBe(401)
        expect((await attempt("/auth/customer/emailpass", { email: other, password: PASSWORD }, "203.0.113.60")).status).toBe(200)
        for (let i = 0; i < 3; i++) expect((await attempt("/auth/customer/emailpass", { email: other, password: "wrong-pass-1" }, "203.0.113.60")).status).toBe(401)
        expectLimited(await attempt("/auth/customer/emailpass", { email: other, password: "wrong-pass-1" }, "203.0.113.60"), 120)
      })

      it("limits registrations and sign-ups per IP (our sign-up and Medusa's share one count)", async () => {
        process.env.KSTORE_RATE_LIMIT_SIGNUP_IP = "2/60"
        const ip = "192.0.2.44"
        const tokens: string[] = []
        for (const n of [1, 2]) {
          const res = await attempt("/auth/customer/emailpass/register", { email: `ip.signup.${n}@example.com`, password: PASSWORD }, ip)
          expect(res.status).toBe(200)
          tokens.push(res.data.token)
        }
        expectLimited(await attempt("/auth/customer/emailpass/register", { email: "ip.signup.3@example.com", password: PASSWORD }, ip), 60)

        const signup = (path: string, token: string, body: any) =>
          api.post(path, body, from(ip, { "x-publishable-api-key": pk, authorization: `Bearer ${token}` })).then(
            (r: any) => ({ status: r.status, headers: r.headers, data: r.data }),
            (e: any) => ({ status: e.response.status, headers: e.response.headers, data: e.response.data })
          )
        expect((await signup("/store/accounts", tokens[0], { residence_country: "KR" })).status).toBe(200)
        expect((await signup("/store/customers", tokens[1], {})).status).toBe(200)
        const third = await register("ip.signup.elsewhere@example.com")
        expectLimited(await signup("/store/customers", third, {}), 60)
        expect(await customersWith("ip.signup.elsewhere@example.com")).toBe(0)
      })

      it("limits sign-up attempts per account", async () => {
        process.env.KSTORE_RATE_LIMIT_SIGNUP_ACCOUNT = "2/60"
        const email = "one.account@example.com"
        expect((await attempt("/auth/customer/emailpass/register", { email, password: PASSWORD }, "192.0.2.1")).status).toBe(200)
        // A second registration of the address fails on its own; the third is not even tried.
        expect((await attempt("/auth/customer/emailpass/register", { email, password: PASSWORD }, "192.0.2.2")).status).not.toBe(429)
        expectLimited(await attempt("/auth/customer/emailpass/register", { email, password: PASSWORD }, "192.0.2.3"), 60)
      })
    })
  },
})
