import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, createGame, failure, seedForTests, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { SandboxGateway } from "../../src/modules/sandbox-payment/gateway"

const game = {
  title: "Sandbox Siege",
  prices: [
    { currency_code: "krw", amount: 33000 },
    { currency_code: "usd", amount: 29.99 },
    { currency_code: "eur", amount: 29.99 },
  ],
  service_countries: ["KR", "US", "DE", "NL"],
  release_in_days: -365,
}

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: any

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 5)).publishable_key
    })
    beforeEach(async () => {
      admin = await adminHeaders(api)
    })

    describe("points", () => {
      it("shows a player their balance, history and what a point is worth", async () => {
        const { customer, token } = await signUpPlayer(api, pk, "earner@example.com", "KR")
        const points = getContainer().resolve<PointsModuleService>(POINTS_MODULE)
        await points.post({ customer_id: customer.id, kind: "earn", points: 330, idempotency_key: "t-earn", reference_id: "order_1" })
        await points.post({ customer_id: customer.id, kind: "hold", points: 30, idempotency_key: "t-hold", reference_id: "order_2" })
        const { data } = await api.get("/store/customers/me/points", storeHeaders(pk, token))
        expect(data.balance).toBe(300)
        expect(data.count).toBe(2)
        expect(data.entries.map((e: any) => [e.kind, e.amount])).toEqual([["hold", -30], ["earn", 330]])
        expect(data.point_value).toMatchObject({ krw: 10, usd: 0.01 })
        expect((await failure(api.get("/store/customers/me/points", storeHeaders(pk)))).status).toBe(401)
      })

      it("lets staff adjust points with a reason, once per idempotency key", async () => {
        const { customer } = await signUpPlayer(api, pk, "adjusted@example.com", "US")
        const headers = { headers: { ...admin.headers, "idempotency-key": "adj-1" } }
        const first = await api.post(`/admin/customers/${customer.id}/points/adjustments`, { points: 500, reason: "goodwill" }, headers)
        const again = await api.post(`/admin/customers/${customer.id}/points/adjustments`, { points: 500, reason: "goodwill" }, headers)
        expect(first.data.balance).toBe(500)
        expect(again.data).toMatchObject({ balance: 500, replayed: true })
        const { data } = await api.get(`/admin/customers/${customer.id}/points`, admin)
        expect(data.balance).toBe(500)
        expect(data.entries).toEqual([
          expect.objectContaining({ kind: "adjust", amount: 500, reason: "goodwill", created_by: expect.stringMatching(/^user_/) }),
        ])
      })

      it("refuses a reused idempotency key with another body (422), scopes keys per customer and checks the key's form", async () => {
        const one = await signUpPlayer(api, pk, "scoped-a@example.com", "US")
        const two = await signUpPlayer(api, pk, "scoped-b@example.com", "US")
        const headers = { headers: { ...admin.headers, "idempotency-key": "adj-scoped-1" } }
        await api.post(`/admin/customers/${one.customer.id}/points/adjustments`, { points: 50, reason: "goodwill" }, headers)
        for (const body of [{ points: 60, reason: "goodwill" }, { points: 50, reason: "another reason" }]) {
          const reused = await failure(api.post(`/admin/customers/${one.customer.id}/points/adjustments`, body, headers))
          expect([reused.status, reused.data.code]).toEqual([422, "idempotency_key_reused"])
        }
        // The same key for another customer is that customer's own adjustment.
        const other = await api.post(`/admin/customers/${two.customer.id}/points/adjustments`, { points: 70, reason: "goodwill" }, headers)
        expect([other.data.balance, other.data.replayed]).toEqual([70, false])
        const bad = await failure(api.post(`/admin/customers/${one.customer.id}/points/adjustments`, { points: 5, reason: "x" }, { headers: { ...admin.headers, "idempotency-key": "a b" } }))
        expect(bad.status).toBe(400)
        expect((await api.get(`/admin/customers/${one.customer.id}/points`, admin)).data.balance).toBe(50)
      })

      it.each([
        ["zero points", { points: 0, reason: "nothing" }, /zero/],
        ["fractional points", { points: 1.5, reason: "half" }, /int|whole number/],
        ["no reason", { points: 10 }, /reason/],
        ["more than the balance", { points: -1, reason: "take one" }, /Not enough points/],
      ])("refuses an adjustment with %s and writes nothing", async (_n, body, message) => {
        const { customer } = await signUpPlayer(api, pk, `bad-${Math.random()}@example.com`, "US")
        const res = await failure(api.post(`/admin/customers/${customer.id}/points/adjustments`, body, admin))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(message)
        const { data } = await api.get(`/admin/customers/${customer.id}/points`, admin)
        expect(data).toMatchObject({ balance: 0, count: 0 })
      })

      it("answers 404 when adjusting an unknown customer", async () => {
        const res = await failure(api.post("/admin/customers/cus_nope/points/adjustments", { points: 5, reason: "ghost" }, admin))
        expect(res.status).toBe(404)
      })

      it("configures the earn rate per region", async () => {
        const { data } = await api.get("/admin/points/earn-rates", admin)
        expect(data.earn_rates).toHaveLength(6)
        expect(data.earn_rates.every((r: any) => r.rate === 0.05)).toBe(true)
        const kr = data.earn_rates.find((r: any) => r.currency_code === "krw")
        await api.post("/admin/points/earn-rates", { region_id: kr.region_id, rate: 0.1 }, admin)
        const { data: after } = await api.get("/admin/points/earn-rates", admin)
        expect(after.earn_rates.find((r: any) => r.region_id === kr.region_id)).toMatchObject({ rate: 0.1, point_value: 10 })
        expect((await failure(api.post("/admin/points/earn-rates", { region_id: kr.region_id, rate: 2 }, admin))).status).toBe(400)
        expect((await failure(api.post("/admin/points/earn-rates", { region_id: "reg_nope", rate: 0.1 }, admin))).status).toBe(404)
      })
    })
  
    describe("sandbox payments", () => {
      let variantId: string
      let regionIds: Record<string, string>

      beforeEach(async () => {
        const { data } = await api.get("/admin/games?q=Sandbox%20Siege", admin)
        variantId = data.games[0]?.variant_id ?? (await createGame(api, admin, game)).variant_id
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: regions } = await query.graph({ entity: "region", fields: ["id", "currency_code"] })
        regionIds = Object.fromEntries(regions.map((r: any) => [r.currency_code, r.id]))
      })

      const checkout = async (email: string, country: string, currency: string, session: Record<string, unknown>) => {
        const { token } = await signUpPlayer(api, pk, email, country)
        const h = storeHeaders(pk, token)
        const { data: c } = await api.post("/store/carts", { region_id: regionIds[currency], items: [{ variant_id: variantId, quantity: 1 }] }, h)
        const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
        const created = await api
          .post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_sandbox_sandbox", data: session }, h)
          .catch((e: any) => e.response)
        return { cartId: c.cart.id, h, created, collectionId: pc.payment_collection.id }
      }

      const orders = async () => {
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        return (await query.graph({ entity: "order", fields: ["id"] })).data.length
      }

      it("lists the methods of the player's residence country", async () => {
        const { token } = await signUpPlayer(api, pk, "methods-kr@example.com", "KR")
        const { data } = await api.get("/store/payment-methods", storeHeaders(pk, token))
        expect(data.country_code).toBe("KR")
        expect(data.payment_methods.map((m: any) => m.id)).toEqual(["card", "kakaopay", "naverpay", "tosspay"])
        const { data: visitor } = await api.get("/store/payment-methods?country_code=br", storeHeaders(pk))
        expect(visitor.payment_methods.map((m: any) => m.id)).toEqual(["card", "pix"])
        expect((await failure(api.get("/store/payment-methods", storeHeaders(pk)))).status).toBe(400)
        expect((await failure(api.get("/store/payment-methods?country_code=XX", storeHeaders(pk)))).status).toBe(400)
      })

      it("completes a checkout with KakaoPay in Korea", async () => {
        const { cartId, h, created } = await checkout("kakao@example.com", "KR", "krw", {
          method: "kakaopay",
          country: "KR",
          account: "010-1234-5678",
        })
        expect(created.status).toBe(200)
        const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, h)
        expect([data.type, data.error]).toEqual(["order", undefined])
        expect(data.order.total).toBe(33000)
      })

      it("refuses a method not offered in the country and creates no session", async () => {
        const { created } = await checkout("ideal-de@example.com", "DE", "eur", { method: "ideal", country: "DE", account: "x" })
        expect(created.status).toBe(400)
        expect(created.data.message).toContain("'ideal' is not offered in DE")
      })

      it("declines the trigger card and creates no order", async () => {
        const before = await orders()
        const { cartId, h } = await checkout("declined@example.com", "US", "usd", {
          method: "card",
          country: "US",
          account: "4000 0000 0000 0002",
        })
        const res = await failure(api.post(`/store/carts/${cartId}/complete`, {}, h))
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
        expect(await orders()).toBe(before)
      })

      it("asks for the extra authentication step, then completes once it is passed", async () => {
        const { cartId, h, collectionId } = await checkout("threeds@example.com", "NL", "eur", {
          method: "card",
          country: "NL",
          account: "4000 0000 0000 3220",
        })
        const before = await orders()
        await failure(api.post(`/store/carts/${cartId}/complete`, {}, h))
        expect(await orders()).toBe(before)
        const retried = await api
          .post(
            `/store/payment-collections/${collectionId}/payment-sessions`,
            { provider_id: "pp_sandbox_sandbox", data: { method: "card", country: "NL", account: "4000 0000 0000 3220", authentication: "passed" } },
            h
          )
          .catch((e: any) => e.response)
        expect([retried.status, retried.data?.message]).toEqual([200, undefined])
        const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, h)
        expect(data.type).toBe("order")
      })

      it("moves money at the gateway at most once per idempotency key", async () => {
        const gateway = SandboxGateway.for(getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION))
        const charge = await gateway.createCharge("init-1", { amount: 100, currency_code: "usd", method: "card", country: "US", status: "authorized" })
        const again = await gateway.createCharge("init-1", { amount: 100, currency_code: "usd", method: "card", country: "US", status: "authorized" })
        expect(again.charge_id).toBe(charge.charge_id)
        const id = charge.charge_id as string
        await Promise.all(Array.from({ length: 10 }, () => gateway.capture("cap-1", id)))
        await Promise.all(Array.from({ length: 10 }, () => gateway.refund("ref-1", id, 60)))
        expect(await gateway.refund("ref-2", id, 60)).toMatchObject({ status: "failed", reason: "exceeds_captured" })
        const row = await gateway.charge(id)
        expect([Number(row?.captured), Number(row?.refunded)]).toEqual([100, 60])
      })

      it("finds a charge by the key that made it, and makes its tables once when many start together", async () => {
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await knex.raw("drop table if exists sandbox_gateway_charge, sandbox_gateway_request")
        // Separate gateways, as the payment module's provider and the saga each have one.
        const made = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            new SandboxGateway(knex).createCharge(`race-${i}`, { amount: 5, currency_code: "usd", method: "card", country: "US", status: "pending" })
          )
        )
        expect(made.every((m) => typeof m.charge_id === "string")).toBe(true)
        const gateway = SandboxGateway.for(knex)
        expect((await gateway.chargeFor("race-3"))?.id).toBe(made[3].charge_id)
        expect(await gateway.chargeFor("never-made")).toBeNull()
      })
    })
  },
})
