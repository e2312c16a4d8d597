import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, createGame, failure, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"

jest.setTimeout(180 * 1000)

const prices = (krw: number, usd: number) => [
  { currency_code: "krw", amount: krw },
  { currency_code: "usd", amount: usd },
  { currency_code: "eur", amount: usd },
]
const CARD = { method: "card", account: "4242424242424242" }

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: any
    const games: Record<string, any> = {}
    let keyNo = 0
    const key = () => ({ "idempotency-key": `purchase-test-${++keyNo}-${Date.now()}` })

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 5)).publishable_key
      admin = await adminHeaders(api)
      const world = ["KR", "US", "DE"]
      games.released = await createGame(api, admin, { title: "Harbor Lights", prices: prices(22000, 19.99), service_countries: world, release_in_days: -100 })
      games.second = await createGame(api, admin, { title: "Quarry Kings", prices: prices(11000, 9.99), service_countries: world, release_in_days: -20 })
      games.third = await createGame(api, admin, { title: "Glass Orchard", prices: prices(33000, 29.99), service_countries: world, release_in_days: -5 })
      games.upcoming = await createGame(api, admin, { title: "Starfall Tomorrow", prices: prices(55000, 49.99), service_countries: world, release_in_days: 30, preorder_enabled: true })
      games.closed = await createGame(api, admin, { title: "Unannounced Sequel", prices: prices(55000, 49.99), service_countries: world, release_in_days: 30, preorder_enabled: false })
      games.usOnly = await createGame(api, admin, { title: "Route 66 Racer", prices: prices(22000, 19.99), service_countries: ["US"], release_in_days: -30 })
    })

    const buy = (token: string, body: any, headers: Record<string, string> = key()) =>
      api.post("/store/purchases", body, storeHeaders(pk, token, headers))
    const settle = async (token: string, id: string) =>
      (await api.get(`/store/purchases/${id}?wait=15`, storeHeaders(pk, token))).data.purchase
    const adminOrder = async (id: string) =>
      (
        await api.get(
          `/admin/orders/${id}?fields=id,status,total,discount_total,credit_line_total,*items,*transactions,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures,*credit_lines`,
          admin
        )
      ).data.order
    const ledger = async (customerId: string) => {
      const points = getContainer().resolve<PointsModuleService>(POINTS_MODULE)
      const entries = await points.listPointsEntries({ customer_id: customerId }, { order: { created_at: "ASC" } })
      return { balance: await points.getBalance(customerId), entries: entries.map((e: any) => [e.kind, e.amount]) }
    }
    const library = async (token: string) => (await api.get("/store/library", storeHeaders(pk, token))).data
    const counts = async () => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["id"] })
      const { data: purchases } = await query.graph({ entity: "purchase", fields: ["id"] })
      return { orders: orders.length, purchases: purchases.length }
    }

    it("buys a released game at once: order paid and completed in Medusa, game in the library, points earned, mail sent", async () => {
      const { customer, token } = await signUpPlayer(api, pk, "buyer.one@example.com", "KR")
      const { status, data } = await buy(token, { game_ids: [games.released.id], payment: CARD })
      expect(status).toBe(202)
      expect(data.purchase).toMatchObject({ status: "pending", total: 22000, cash_amount: 22000, currency_code: "krw" })
      const done = await settle(token, data.purchase.id)
      expect(done).toMatchObject({ status: "completed", points_earned: 110 })
      expect(done.items).toEqual([expect.objectContaining({ game_id: games.released.id, preorder: false })])

      const order = await adminOrder(done.order_id)
      expect(order.status).toBe("completed")
      const [payment] = order.payment_collections[0].payments
      expect(payment.provider_id).toBe("pp_sandbox_sandbox")
      expect(payment.captures.map((c: any) => Number(c.amount))).toEqual([22000])
      expect(order.transactions.map((t: any) => [t.reference, Number(t.amount)])).toEqual([["capture", 22000]])

      const lib = await library(token)
      expect(lib.library).toEqual([expect.objectContaining({ game_id: games.released.id, status: "downloadable" })])
      expect(await ledger(customer.id)).toEqual({ balance: 110, entries: [["earn", 110]] })
      expect(await sentTemplates(getContainer(), "buyer.one@example.com")).toContain("purchase-confirmed")

      // The same key and body answer with the same purchase; another body under that key is refused.
      const headers = { "idempotency-key": "same-key-twice-1" }
      const first = await buy(token, { game_ids: [games.second.id], payment: CARD }, headers)
      const again = await buy(token, { game_ids: [games.second.id], payment: CARD }, headers)
      expect(again.data.purchase.id).toBe(first.data.purchase.id)
      const reused = await failure(buy(token, { game_ids: [games.third.id], payment: CARD }, headers))
      expect(reused.status).toBe(422)
      expect(reused.data.code).toBe("idempotency_key_reused")
      expect((await settle(token, first.data.purchase.id)).status).toBe("completed")
    })

    it("reads across modules through links: a purchase with its order, an entitlement with its game, a points account with its customer", async () => {
      const { customer, token } = await signUpPlayer(api, pk, "linked.buyer@example.com", "KR")
      const { data } = await buy(token, { game_ids: [games.second.id], payment: CARD })
      const done = await settle(token, data.purchase.id)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [purchase] } = await query.graph({ entity: "purchase", fields: ["id", "order.id", "order.status"], filters: { id: done.id } })
      expect((purchase as any).order).toEqual({ id: done.order_id, status: "completed" })
      const { data: [entitlement] } = await query.graph({
        entity: "entitlement",
        fields: ["id", "game.title", "game.product.id"],
        filters: { customer_id: customer.id },
      })
      expect((entitlement as any).game).toMatchObject({ title: "Quarry Kings", product: { id: expect.stringMatching(/^prod_/) } })
      const { data: [account] } = await query.graph({ entity: "points_account", fields: ["balance", "customer.email"], filters: { customer_id: customer.id } })
      expect(account).toMatchObject({ balance: 55, customer: { email: "linked.buyer@example.com" } })
    })

    it("buys a cart of three games, one of them a pre-order, with a promotion code and points", async () => {
      const { customer, token } = await signUpPlayer(api, pk, "buyer.two@example.com", "US")
      await getContainer().resolve<PointsModuleService>(POINTS_MODULE).post({
        customer_id: customer.id, kind: "earn", points: 1000, idempotency_key: "seed-points-buyer-two", reference_id: "seed",
      })
      await api.post(
        "/admin/promotions",
        {
          code: "TENOFF",
          type: "standard",
          status: "active",
          application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10 },
        },
        admin
      ).catch((e) => {
        throw new Error(JSON.stringify(e.response?.data))
      })
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [us] } = await query.graph({ entity: "region", fields: ["id"], filters: { currency_code: "usd" } })
      const { data: cartData } = await api.post(
        "/store/carts",
        {
          region_id: (us as any).id,
          items: [games.released, games.second, games.upcoming].map((g) => ({ variant_id: g.variant_id, quantity: 1 })),
        },
        storeHeaders(pk, token)
      )
      const { status, data } = await buy(token, { cart_id: cartData.cart.id, points: 500, promo_codes: ["TENOFF"], payment: CARD })
      expect(status).toBe(202)
      // 19.99 + 9.99 + 49.99 = 79.97, 10% off → 71.973 (Medusa keeps full precision); 500 points pay $5.00.
      expect(data.purchase).toMatchObject({ points_used: 500 })
      expect(data.purchase.total).toBeCloseTo(71.973, 6)
      expect(data.purchase.cash_amount).toBeCloseTo(66.973, 6)
      const done = await settle(token, data.purchase.id)
      expect(done.status).toBe("completed")

      const order = await adminOrder(done.order_id)
      expect(Number(order.discount_total)).toBeCloseTo(7.997, 6)
      expect(order.credit_lines.map((c: any) => [c.reference, Number(c.amount)])).toEqual([["points", 5]])
      const [capture] = order.payment_collections[0].payments[0].captures
      expect(Number(capture.amount)).toBeCloseTo(66.973, 6)
      expect(order.transactions.map((t: any) => [t.reference, t.reference_id])).toEqual([["capture", capture.id]])

      const lib = await library(token)
      const states = Object.fromEntries(lib.library.map((g: any) => [g.game_id, g.status]))
      expect(states).toEqual({ [games.released.id]: "downloadable", [games.second.id]: "downloadable", [games.upcoming.id]: "preordered" })
      // Held, 5% of the cash earned, then the hold settled as spent (release + spend in one transaction).
      const { balance, entries } = await ledger(customer.id)
      expect(entries).toEqual([["earn", 1000], ["hold", -500], ["earn", 334], ["release", 500], ["spend", -500]])
      expect(balance).toBe(1000 - 500 + 334)
    })

    it("takes the purchase through Medusa's system provider and through a provider that captures later", async () => {
      const { token } = await signUpPlayer(api, pk, "buyer.three@example.com", "DE")
      for (const provider_id of ["pp_system_default", "pp_sandbox_manual"]) {
        const game = provider_id === "pp_system_default" ? games.second : games.third
        const { data } = await buy(token, { game_ids: [game.id], payment: { provider_id, method: "card", account: "4242424242424242" } })
        const done = await settle(token, data.purchase.id)
        expect(done).toMatchObject({ status: "completed", payment_provider_id: provider_id })
        const order = await adminOrder(done.order_id)
        const [payment] = order.payment_collections[0].payments
        expect(payment.provider_id).toBe(provider_id)
        expect(payment.captured_at).toBeTruthy()
        expect(order.transactions.map((t: any) => t.reference)).toEqual(["capture"])
      }
    })

    it("fails a declined payment cleanly: no order, points back, the player told why", async () => {
      const { customer, token } = await signUpPlayer(api, pk, "declined.buyer@example.com", "KR")
      await getContainer().resolve<PointsModuleService>(POINTS_MODULE).post({
        customer_id: customer.id, kind: "earn", points: 300, idempotency_key: "seed-points-declined", reference_id: "seed",
      })
      const before = await counts()
      const { data } = await buy(token, { game_ids: [games.released.id], points: 300, payment: { method: "card", account: "4000000000000002" } })
      const done = await settle(token, data.purchase.id)
      expect(done).toMatchObject({ status: "failed", failure_reason: "declined", order_id: null })
      expect((await counts()).orders).toBe(before.orders)
      const { balance, entries } = await ledger(customer.id)
      expect(balance).toBe(300)
      expect(entries).toEqual([["earn", 300], ["hold", -300], ["release", 300]])
      expect((await library(token)).library).toEqual([])
      expect(await sentTemplates(getContainer(), "declined.buyer@example.com")).toContain("purchase-failed")
    })

    it("refuses what the rules forbid with a 4xx and a code, and writes no purchase and no order", async () => {
      const { token } = await signUpPlayer(api, pk, "rules.buyer@example.com", "KR")
      const owner = await signUpPlayer(api, pk, "owner.buyer@example.com", "KR")
      const owned = await buy(owner.token, { game_ids: [games.released.id], payment: CARD })
      expect((await settle(owner.token, owned.data.purchase.id)).status).toBe("completed")
      const before = await counts()
      const cases: [string, string, any, number, string][] = [
        ["country", token, { game_ids: [games.usOnly.id], payment: CARD }, 403, "country_not_served"],
        ["closed pre-order", token, { game_ids: [games.closed.id], payment: CARD }, 403, "not_released"],
        ["owned", owner.token, { game_ids: [games.released.id], payment: CARD }, 409, "already_owned"],
        ["price changed", token, { game_ids: [games.released.id], expected_total: 1, payment: CARD }, 409, "price_changed"],
        ["unknown method", token, { game_ids: [games.released.id], payment: { method: "paypal" } }, 400, "unknown_payment_method"],
        ["points over balance", token, { game_ids: [games.released.id], points: 50, payment: CARD }, 400, "insufficient_points"],
        ["bad promotion code", token, { game_ids: [games.released.id], promo_codes: ["NOPE-NOT-REAL"], payment: CARD }, 400, "invalid_promotion_code"],
        ["unknown provider", token, { game_ids: [games.released.id], payment: { provider_id: "pp_nope", method: "card" } }, 400, "unknown_payment_provider"],
      ]
      for (const [name, who, body, status, code] of cases) {
        const res = await failure(buy(who, body))
        expect([name, res.status, res.data.code]).toEqual([name, status, code])
      }
      const negative = await failure(buy(token, { game_ids: [games.released.id], points: -5, payment: CARD }))
      expect(negative.status).toBe(400)
      const both = await failure(buy(token, { game_ids: [games.released.id], cart_id: "cart_x", payment: CARD }))
      expect(both.status).toBe(400)
      expect(await counts()).toEqual(before)
    })
  },
})
