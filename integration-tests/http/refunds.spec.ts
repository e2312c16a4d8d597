import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, createGame, failure, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { LIBRARY_MODULE } from "../../src/modules/library"
import type LibraryModuleService from "../../src/modules/library/service"
import { retryGameRefund } from "../../src/workflows/game-refund/request-refund"

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
    const key = () => ({ "idempotency-key": `refund-test-${++keyNo}-${Date.now()}` })

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 5)).publishable_key
      admin = await adminHeaders(api)
      const world = ["KR", "US", "DE"]
      games.a = await createGame(api, admin, { title: "Lantern Coast", prices: prices(22000, 19.99), service_countries: world, release_in_days: -100 })
      games.b = await createGame(api, admin, { title: "Moss Engine", prices: prices(11000, 9.99), service_countries: world, release_in_days: -20 })
      games.c = await createGame(api, admin, { title: "Orbit Bakery", prices: prices(55000, 49.99), service_countries: world, release_in_days: 30, preorder_enabled: true })
      games.d = await createGame(api, admin, { title: "Tidal Archive", prices: prices(33000, 29.99), service_countries: world, release_in_days: -5 })
    })

    const buy = async (token: string, body: any) => {
      const { data } = await api.post("/store/purchases", body, storeHeaders(pk, token, key())).catch((e) => {
        throw new Error(JSON.stringify(e.response?.data))
      })
      const done = (await api.get(`/store/purchases/${data.purchase.id}?wait=15`, storeHeaders(pk, token))).data.purchase
      expect(done.status).toBe("completed")
      return done
    }
    const refund = (token: string, orderId: string, body: any = {}, headers: Record<string, string> = {}) =>
      api.post(`/store/orders/${orderId}/refunds`, body, storeHeaders(pk, token, headers))
    const settled = async (token: string, id: string) => (await api.get(`/store/refunds/${id}?wait=15`, storeHeaders(pk, token))).data.refund
    const adminOrder = async (id: string) =>
      (
        await api.get(
          `/admin/orders/${id}?fields=id,status,payment_status,*transactions,*payment_collections.payments.captures,*payment_collections.payments.refunds`,
          admin
        )
      ).data.order
    const balance = (customerId: string) => getContainer().resolve<PointsModuleService>(POINTS_MODULE).getBalance(customerId)
    const kinds = async (customerId: string) =>
      (await getContainer().resolve<PointsModuleService>(POINTS_MODULE).listPointsEntries({ customer_id: customerId }, { order: { created_at: "ASC" } })).map(
        (e: any) => [e.kind, e.amount]
      )
    const states = async (token: string) =>
      Object.fromEntries((await api.get("/store/library", storeHeaders(pk, token))).data.library.map((g: any) => [g.game_id, g.status]))

    it("refunds one game of three, then the rest: payment refunds by share, points restored and clawed back, Medusa's order shows it", async () => {
      const { customer, token } = await signUpPlayer(api, pk, "refund.three@example.com", "US")
      await getContainer().resolve<PointsModuleService>(POINTS_MODULE).post({
        customer_id: customer.id, kind: "earn", points: 1000, idempotency_key: "seed-points-refund-three", reference_id: "seed",
      })
      await api.post(
        "/admin/promotions",
        { code: "REFUND10", type: "standard", status: "active", application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10 } },
        admin
      )
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [us] } = await query.graph({ entity: "region", fields: ["id"], filters: { currency_code: "usd" } })
      const { data: cartData } = await api.post(
        "/store/carts",
        { region_id: (us as any).id, items: [games.a, games.b, games.c].map((g) => ({ variant_id: g.variant_id, quantity: 1 })) },
        storeHeaders(pk, token)
      )
      const purchase = await buy(token, { cart_id: cartData.cart.id, points: 500, promo_codes: ["REFUND10"], payment: CARD })
      // 71.973 after 10% off; 500 points pay $5, the card 66.973; 334 points earned.
      expect(purchase.cash_amount).toBeCloseTo(66.973, 6)
      expect(await balance(customer.id)).toBe(834)

      // One game: its line (8.991 of 71.973) is its share of the cash, the points spent and earned.
      const one = await refund(token, purchase.order_id, { game_ids: [games.b.id] })
      expect(one.status).toBe(202)
      expect(one.data.refund).toMatchObject({ status: "refunding", games: [expect.objectContaining({ game_id: games.b.id })] })
      const first = await settled(token, one.data.refund.id)
      expect(first).toMatchObject({ status: "refunded", amount: 8.37, points_restored: 62, points_clawed_back: 41, shortfall_points: 0 })
      expect(await balance(customer.id)).toBe(834 + 62 - 41)
      expect(await states(token)).toEqual({ [games.a.id]: "downloadable", [games.c.id]: "preordered" })
      let order = await adminOrder(purchase.order_id)
      const [payment] = order.payment_collections[0].payments
      expect(payment.refunds.map((r: any) => Number(r.amount))).toEqual([8.37])
      expect(order.transactions.map((t: any) => [t.reference, Number(t.amount)]).sort()).toEqual([["capture", 66.973], ["refund", -8.37]])
      expect(order.payment_status).toBe("partially_refunded")
      expect((await api.get(`/store/purchases/${purchase.id}`, storeHeaders(pk, token))).data.purchase.status).toBe("completed")

      // The rest: the remainder, to the last sub-cent, so everything captured goes back.
      const rest = await refund(token, purchase.order_id)
      const second = await settled(token, rest.data.refund.id)
      expect(second.games.map((g: any) => g.game_id).sort()).toEqual([games.a.id, games.c.id].sort())
      expect(second).toMatchObject({ status: "refunded", amount: 58.603, points_restored: 438, points_clawed_back: 293 })
      expect(await balance(customer.id)).toBe(1000)
      expect(await states(token)).toEqual({})
      order = await adminOrder(purchase.order_id)
      const refunded = order.payment_collections[0].payments[0].refunds.reduce((s: number, r: any) => s + Number(r.amount), 0)
      expect(refunded).toBeCloseTo(66.973, 6)
      expect(order.payment_status).toBe("refunded")
      expect((await api.get(`/store/purchases/${purchase.id}`, storeHeaders(pk, token))).data.purchase.status).toBe("refunded")
      expect(await kinds(customer.id)).toEqual([
        ["earn", 1000], ["hold", -500], ["earn", 334], ["release", 500], ["spend", -500],
        ["release", 62], ["clawback", -41], ["release", 438], ["clawback", -293],
      ])
      const mails = await sentTemplates(getContainer(), "refund.three@example.com")
      expect(mails.filter((t) => t === "games-refunded")).toHaveLength(2)
      expect(await sentTemplates(getContainer(), customer.id, "feed")).toContain("games-refunded")

      const again = await failure(refund(token, purchase.order_id, { game_ids: [games.b.id] }))
      expect([again.status, again.data.code]).toEqual([409, "already_refunded"])
    })

    it("keeps the value of earned points already spent from the cash (shortfall rule)", async () => {
      const { customer, token } = await signUpPlayer(api, pk, "refund.shortfall@example.com", "KR")
      const purchase = await buy(token, { game_ids: [games.a.id], payment: CARD })
      expect(await balance(customer.id)).toBe(110)
      // Spend 100 of the 110 earned points elsewhere: 100 can no longer be taken back.
      await getContainer().resolve<PointsModuleService>(POINTS_MODULE).post({
        customer_id: customer.id, kind: "spend", points: 100, idempotency_key: "spend-elsewhere-shortfall", reference_id: "elsewhere",
      })
      const { data } = await refund(token, purchase.order_id)
      const done = await settled(token, data.refund.id)
      // 100 points are worth ₩1,000: the refund is ₩21,000, and the 10 points left are clawed back.
      expect(done).toMatchObject({ status: "refunded", amount: 21000, points_clawed_back: 10, shortfall_points: 100 })
      expect(await balance(customer.id)).toBe(0)
    })

    it("answers parallel requests for the same game with one refund and refunds once", async () => {
      const { token } = await signUpPlayer(api, pk, "refund.parallel@example.com", "DE")
      const purchase = await buy(token, { game_ids: [games.d.id], payment: CARD })
      const answers = await Promise.all(Array.from({ length: 8 }, () => refund(token, purchase.order_id, { game_ids: [games.d.id] }).catch((e) => e.response)))
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202))
      expect(new Set(answers.map((a) => a.data.refund.id)).size).toBe(1)
      expect((await settled(token, answers[0].data.refund.id)).status).toBe("refunded")
      const order = await adminOrder(purchase.order_id)
      expect(order.payment_collections[0].payments[0].refunds).toHaveLength(1)
      expect(order.transactions.filter((t: any) => t.reference === "refund")).toHaveLength(1)
    })

    it("undoes an attempt the provider refuses: points back as they were, the game kept, a retry scheduled and the player told", async () => {
      const { customer, token } = await signUpPlayer(api, pk, "refund.refused@example.com", "US")
      await getContainer().resolve<PointsModuleService>(POINTS_MODULE).post({
        customer_id: customer.id, kind: "earn", points: 300, idempotency_key: "seed-points-refund-refused", reference_id: "seed",
      })
      const purchase = await buy(token, { game_ids: [games.b.id], points: 300, payment: { method: "card", account: "4000000000004005" } })
      const before = await balance(customer.id)
      const { data } = await refund(token, purchase.order_id)
      const failed = await settled(token, data.refund.id)
      expect(failed).toMatchObject({ status: "failed", failure_reason: "refund_failed", attempts: 1 })
      expect(new Date(failed.next_retry_at).getTime()).toBeGreaterThan(Date.now())
      expect(await balance(customer.id)).toBe(before)
      expect(await states(token)).toEqual({ [games.b.id]: "downloadable" })
      const order = await adminOrder(purchase.order_id)
      expect(order.payment_collections[0].payments[0].refunds).toEqual([])
      expect(order.transactions.map((t: any) => t.reference)).toEqual(["capture"])
      expect(await sentTemplates(getContainer(), "refund.refused@example.com")).toContain("refund-failed")

      // A retry is a new attempt, counted with the switch back to refunding; it fails the same way.
      const retry = await retryGameRefund(getContainer(), data.refund.id)
      expect(retry.started).toBe(true)
      await retry.settled
      expect(await settled(token, data.refund.id)).toMatchObject({ status: "failed", attempts: 2 })
      // The player asking again for the same game tries the same refund again.
      const asked = await refund(token, purchase.order_id, { game_ids: [games.b.id] })
      expect([asked.status, asked.data.refund.id]).toEqual([202, data.refund.id])
      expect(await settled(token, data.refund.id)).toMatchObject({ status: "failed", attempts: 3 })
      expect(await balance(customer.id)).toBe(before)
      expect(await states(token)).toEqual({ [games.b.id]: "downloadable" })
    })

    it("refuses what the policy and the rules forbid with a 4xx and a code", async () => {
      const { token } = await signUpPlayer(api, pk, "refund.rules@example.com", "KR")
      const other = await signUpPlayer(api, pk, "refund.other@example.com", "KR")
      const purchase = await buy(token, { game_ids: [games.a.id, games.b.id], payment: CARD })
      const library = getContainer().resolve<LibraryModuleService>(LIBRARY_MODULE)
      const [played] = await library.listEntitlements({ order_id: purchase.order_id, game_id: games.a.id })
      await library.updateEntitlements({ id: played.id, play_minutes: 150 })

      const cases: [string, () => Promise<any>, number, string | undefined][] = [
        ["played too long", () => refund(token, purchase.order_id, { game_ids: [games.a.id] }), 403, "played_too_long"],
        ["not in the order", () => refund(token, purchase.order_id, { game_ids: [games.c.id] }), 400, "not_in_order"],
        ["someone else's order", () => refund(other.token, purchase.order_id), 404, undefined],
        ["unknown order", () => refund(token, "order_nope"), 404, undefined],
        ["bad body", () => refund(token, purchase.order_id, { game_ids: [] }), 400, undefined],
        ["unknown field", () => refund(token, purchase.order_id, { amount: 1 }), 400, undefined],
        ["bad key", () => refund(token, purchase.order_id, {}, { "idempotency-key": "x" }), 400, undefined],
      ]
      for (const [name, call, status, code] of cases) {
        const res = await failure(call())
        expect([name, res.status, code === undefined ? undefined : res.data.code]).toEqual([name, status, code])
      }
      const anonymous = await failure(api.post(`/store/orders/${purchase.order_id}/refunds`, {}, storeHeaders(pk)))
      expect(anonymous.status).toBe(401)

      // The other game is still refundable, and a key replays its refund.
      const headers = { "idempotency-key": "refund-key-rules-1" }
      const first = await refund(token, purchase.order_id, { game_ids: [games.b.id] }, headers)
      const replay = await refund(token, purchase.order_id, { game_ids: [games.b.id] }, headers)
      expect(replay.data.refund.id).toBe(first.data.refund.id)
      const reused = await failure(refund(token, purchase.order_id, { game_ids: [games.a.id] }, headers))
      expect([reused.status, reused.data.code]).toEqual([422, "idempotency_key_reused"])
      expect((await settled(token, first.data.refund.id)).status).toBe("refunded")
    })

    it("refunds a purchase paid through Medusa's system provider, by the purchase's own route", async () => {
      const { token } = await signUpPlayer(api, pk, "refund.system@example.com", "DE")
      const purchase = await buy(token, { game_ids: [games.a.id], payment: { provider_id: "pp_system_default" } })
      const { status, data } = await api.post(`/store/purchases/${purchase.id}/refunds`, {}, storeHeaders(pk, token))
      expect(status).toBe(202)
      const done = await settled(token, data.refund.id)
      expect(done).toMatchObject({ status: "refunded", amount: 19.99 })
      const order = await adminOrder(purchase.order_id)
      expect(order.payment_collections[0].payments[0].refunds.map((r: any) => Number(r.amount))).toEqual([19.99])
    })
  },
})
