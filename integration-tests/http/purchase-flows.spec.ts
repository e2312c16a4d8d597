import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, failure, gameBody, seedForTests, sentTemplates, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { PURCHASE_MODULE } from "../../src/modules/purchase"
import type PurchaseModuleService from "../../src/modules/purchase/service"
import { releaseGamesWorkflow } from "../../src/workflows/release/release-games"
import { signDownload } from "../../src/modules/library/download-link"
import { armFault, disarmFaults } from "../../src/workflows/faults"
import { retryDueGameRefunds } from "../../src/workflows/game-refund/request-refund"
import { flushMail } from "../../src/modules/mail/outbox"
import { sendMail } from "../../src/workflows/steps/send-mail"

jest.setTimeout(180 * 1000)

const upcoming = (title: string, extra: Record<string, unknown> = {}) =>
  gameBody({
    title,
    prices: [
      { currency_code: "krw", amount: 66000 },
      { currency_code: "usd", amount: 59.99 },
    ],
    service_countries: ["KR", "US"],
    preorder_enabled: true,
    ...extra,
  })
const CARD = { method: "card", account: "4242 4242 4242 4242" }

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, utils }) => {
    let pk: string
    let admin: any
    let gameId: string
    let secondGameId: string

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 5)).publishable_key
      const a = await adminHeaders(api)
      gameId = (await api.post("/admin/games", upcoming("Preorder Quest"), a)).data.game.id
      secondGameId = (await api.post("/admin/games", upcoming("Preorder Quest II"), a)).data.game.id
    })
    beforeEach(async () => {
      admin = await adminHeaders(api)
    })
    afterEach(() => disarmFaults())

    const player = async (country: string, points = 0) => {
      const email = `p-${Math.random().toString(36).slice(2)}@example.com`
      const { customer, token } = await signUpPlayer(api, pk, email, country)
      if (points) {
        await getContainer()
          .resolve<PointsModuleService>(POINTS_MODULE)
          .post({ customer_id: customer.id, kind: "earn", points, idempotency_key: `seed:${customer.id}` })
      }
      return { customer, token, email, h: storeHeaders(pk, token) }
    }
    const buy = (h: any, body: any, key = `k-${Math.random().toString(36).slice(2)}`) =>
      api.post("/store/purchases", body, { headers: { ...h.headers, "idempotency-key": key } })
    const settled = async (h: any, id: string) => {
      for (let i = 0; i < 6; i++) {
        const { data } = await api.get(`/store/purchases/${id}?wait=10`, h)
        if (data.purchase.status !== "pending") {
          // Let the saga's last steps (mail) finish before the test moves on.
          await utils.waitWorkflowExecutions()
          await new Promise((r) => setTimeout(r, 200))
          return (await api.get(`/store/purchases/${id}`, h)).data.purchase
        }
      }
      throw new Error(`purchase ${id} still pending`)
    }
    const balance = (customerId: string) => getContainer().resolve<PointsModuleService>(POINTS_MODULE).getBalance(customerId)
    const mails = (to: string) => sentTemplates(getContainer(), to)
    const inApp = (customerId: string) => sentTemplates(getContainer(), customerId, "feed")
    const order = async (id: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      return (await query.graph({ entity: "order", fields: ["id", "status", "total", "payment_collections.payments.captures.id"], filters: { id } })).data[0] as any
    }
    const ordersOf = async (customerId: string) =>
      (await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["id"], filters: { customer_id: customerId } })).data
    const purchasesOf = (customerId: string) => getContainer().resolve<PurchaseModuleService>(PURCHASE_MODULE).listPurchases({ customer_id: customerId })

    it("pre-orders with points and a card: order, capture, points, library and mail", async () => {
      const p = await player("KR", 1000)
      const { status, data } = await buy(p.h, { game_ids: [gameId], points: 500, payment: CARD, expected_total: 66000 })
      expect(status).toBe(202)
      expect(data.purchase).toMatchObject({ status: "pending", total: 66000, points_used: 500, cash_amount: 61000 })
      const done = await settled(p.h, data.purchase.id)
      expect(done).toMatchObject({ status: "completed", points_earned: 305 })
      expect(await balance(p.customer.id)).toBe(1000 - 500 + 305)
      const o = await order(done.order_id)
      // Medusa's order total is after its credit lines: the 500 points (₩5,000) are one.
      expect([o.status, Number(o.total)]).toEqual(["completed", 61000])
      const { data: lib } = await api.get("/store/library", p.h)
      expect(lib.library).toEqual([expect.objectContaining({ game_id: gameId, status: "preordered", source: "preorder", refund: { allowed: true, reason: null } })])
      expect(await mails(p.email)).toEqual(["purchase-confirmed"])
      expect(await inApp(p.customer.id)).toEqual(["purchase-confirmed"])
    })

    it("shows the player their own in-app notifications, newest first", async () => {
      const p = await player("KR", 0)
      const other = await player("KR", 0)
      const { data } = await buy(p.h, { game_ids: [gameId], payment: CARD })
      expect(await settled(p.h, data.purchase.id)).toMatchObject({ status: "completed" })
      const declined = await buy(other.h, { game_ids: [gameId], payment: { method: "card", account: "4000 0000 0000 0002" } })
      expect(await settled(other.h, declined.data.purchase.id)).toMatchObject({ status: "failed" })
      expect(await inApp(p.customer.id)).toEqual(["purchase-confirmed"])

      const { data: mine } = await api.get("/store/notifications", p.h)
      expect(mine).toMatchObject({ count: 1, limit: 20, offset: 0 })
      expect(mine.notifications[0]).toMatchObject({
        template: "purchase-confirmed",
        subject: "Thanks for your purchase: Preorder Quest",
        data: expect.objectContaining({ order_id: data.purchase.order_id ?? expect.any(String), cash_amount: 66000 }),
      })
      // What the payer typed (method, account) is not mail data.
      expect(mine.notifications[0].data).not.toHaveProperty("payment")
      expect(mine.notifications[0].data).not.toHaveProperty("customer_id")

      const { data: theirs } = await api.get("/store/notifications?limit=5", other.h)
      expect(theirs.notifications.map((n: any) => [n.template, n.data.reason, n.subject])).toEqual([
        ["purchase-failed", "declined", "Your purchase of Preorder Quest did not go through"],
      ])
      expect((await failure(api.get("/store/notifications?limit=0", p.h))).status).toBe(400)
      expect((await failure(api.get("/store/notifications", storeHeaders(pk)))).status).toBe(401)

      // Staff read the same mail as it was sent (the admin's Mail page lists these).
      const { data: stored } = await api.get(`/admin/notifications?channel=email&to=${encodeURIComponent(p.email)}`, admin)
      expect(stored.notifications.filter((n: any) => n.template !== "email-verification")).toEqual([
        expect.objectContaining({
          to: p.email,
          template: "purchase-confirmed",
          data: expect.objectContaining({ subject: "Thanks for your purchase: Preorder Quest", text: expect.stringContaining("Paid: ₩66,000.") }),
        }),
      ])
    })

    it("keeps no card number anywhere: only its last four digits", async () => {
      const p = await player("KR", 0)
      const { data } = await buy(p.h, { game_ids: [gameId], payment: { method: "card", account: "5555 4444 3333 1111" } })
      const done = await settled(p.h, data.purchase.id)
      expect(done).toMatchObject({ status: "completed" })
      await sentTemplates(getContainer(), p.email)
      const db = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const tables = ["purchase", "cart", "payment_session", "payment", "sandbox_gateway_request", "sandbox_gateway_charge", "workflow_execution", "notification", "mail_outbox"]
      for (const table of tables) {
        const { rows } = await db.raw(`select count(*)::int n from ${table} t where row_to_json(t)::text ~ '5555.?4444.?3333'`)
        expect([table, rows[0].n]).toEqual([table, 0])
      }
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [cart] } = await query.graph({ entity: "cart", fields: ["payment_collection.payment_sessions.data"], filters: { id: done.cart_id } })
      expect((cart as any).payment_collection.payment_sessions[0].data.account).toBe("•••• 1111")
    })

    it("sends queued mails through the outbox in one batch, once, however often they are queued", async () => {
      const c = getContainer()
      await flushMail(c)
      const to = `batch-${Math.random().toString(36).slice(2)}@example.com`
      const mail = (i: number) =>
        sendMail(c, {
          to,
          customer_id: "cus_batch",
          template: "purchase-confirmed",
          idempotency_key: `batch:${to}:${i}`,
          data: { order_id: `order_${i}`, games: [{ title: `Game ${i}` }], total: 10, cash_amount: 10, points_used: 0, points_earned: 0, currency_code: "usd" },
        })
      // Whoever flushes first (this test, or the outbox's own delayed flush on a slow machine), the
      // three mails leave in one call, once.
      const notifications = c.resolve(Modules.NOTIFICATION)
      const create = jest.spyOn(notifications, "createNotifications")
      try {
        await Promise.all([0, 1, 2, 0, 1].map(mail))
        // Calls that carried this test's mails (other tests' sign-up mails may leave meanwhile).
        const ours = () =>
          create.mock.calls.map((call) => (call[0] as unknown as any[]).filter((n) => n.to === to && n.channel === "email")).filter((list) => list.length)
        await flushMail(c)
        for (const until = Date.now() + 10_000; ours().length === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100))
        expect(ours().map((list) => list.length)).toEqual([3])
        await flushMail(c)
        await mail(2)
        await flushMail(c)
        expect(ours().map((list) => list.length)).toEqual([3])
      } finally {
        create.mockRestore()
      }
      const sent = await notifications.listNotifications({ to })
      expect(sent.map((n: any) => n.data.games[0].title).sort()).toEqual(["Game 0", "Game 1", "Game 2"])
      expect(sent.every((n: any) => n.status === "success")).toBe(true)
      expect(await sentTemplates(c, "cus_batch", "feed")).toHaveLength(3)
    })

    it("answers a status request with ?wait= as soon as the purchase settles", async () => {
      const p = await player("US")
      const { data } = await buy(p.h, { game_ids: [gameId], payment: CARD })
      const t0 = Date.now()
      const { data: waited } = await api.get(`/store/purchases/${data.purchase.id}?wait=10`, p.h)
      expect(waited.purchase.status).toBe("completed")
      expect(Date.now() - t0).toBeLessThan(9000)
    })

    it("pays fully with points: no payment at all", async () => {
      const p = await player("KR", 7000)
      const { data } = await buy(p.h, { game_ids: [gameId], points: 6600 })
      const done = await settled(p.h, data.purchase.id)
      expect(done).toMatchObject({ status: "completed", cash_amount: 0, points_earned: 0, payment_provider_id: null })
      expect(await balance(p.customer.id)).toBe(400)
      const o = await order(done.order_id)
      expect(o.status).toBe("completed")
      expect((o.payment_collections ?? []).flatMap((c: any) => c.payments ?? [])).toHaveLength(0)
    })

    it.each([
      ["declined", "4000 0000 0000 0002"],
      ["timeout", "4000 0000 0000 9995"],
      ["authentication_required", "4000 0000 0000 3220"],
    ])("tells the player why a payment failed (%s) and restores everything", async (reason, account) => {
      const p = await player("US", 800)
      const { data } = await buy(p.h, { game_ids: [gameId], points: 300, payment: { method: "card", account } })
      const done = await settled(p.h, data.purchase.id)
      expect(done).toMatchObject({ status: "failed", failure_reason: reason, order_id: null })
      const entries = await getContainer().resolve<PointsModuleService>(POINTS_MODULE).listPointsEntries({ customer_id: p.customer.id })
      expect(entries.map((e: any) => e.kind).sort()).toEqual(["earn", "hold", "release"])
      expect(await balance(p.customer.id)).toBe(800)
      expect(await ordersOf(p.customer.id)).toHaveLength(0)
      expect((await api.get("/store/library", p.h)).data.library).toEqual([])
      expect(await mails(p.email)).toEqual(["purchase-failed"])
      expect(await inApp(p.customer.id)).toEqual(["purchase-failed"])
    })

    it.each([
      ["a method of another country", { payment: { method: "kakaopay" } }, 400, "unknown_payment_method"],
      ["more points than the balance", { points: 5000, payment: CARD }, 400, "insufficient_points"],
      ["negative points", { points: -5, payment: CARD }, 400, undefined],
      ["an expired price", { expected_total: 49.99, payment: CARD }, 409, "price_changed"],
    ])("refuses %s with a 4xx and writes nothing", async (_n, body: any, status, code) => {
      const p = await player("US", 100)
      const res = await failure(buy(p.h, { game_ids: [gameId], ...body }))
      expect(res.status).toBe(status)
      if (code) expect(res.data.code).toBe(code)
      expect(await purchasesOf(p.customer.id)).toHaveLength(0)
      expect(await balance(p.customer.id)).toBe(100)
    })

    it("refuses a game not sold in the residence country, an owned game, a game without a price there and a request without a key", async () => {
      const de = await player("DE")
      const abroad = await failure(buy(de.h, { game_ids: [gameId], payment: CARD }))
      expect([abroad.status, abroad.data.code]).toEqual([403, "country_not_served"])

      const kr = await player("KR")
      const first = await buy(kr.h, { game_ids: [secondGameId], payment: CARD })
      await settled(kr.h, first.data.purchase.id)
      const again = await failure(buy(kr.h, { game_ids: [secondGameId], payment: CARD }))
      expect([again.status, again.data.code]).toEqual([409, "already_owned"])
      expect((await failure(api.post("/store/purchases", { game_ids: [gameId] }, kr.h))).data.message).toMatch(/Idempotency-Key/)

      const { data: wonOnly } = await api.post("/admin/games", { ...upcoming("Won Only"), prices: [{ currency_code: "krw", amount: 50000 }] }, admin)
      const us = await player("US")
      const unpriced = await failure(buy(us.h, { game_ids: [wonOnly.game.id], payment: CARD }))
      expect([unpriced.status, unpriced.data.code]).toEqual([403, "no_price_in_region"])
      expect(await purchasesOf(us.customer.id)).toHaveLength(0)
      expect(await purchasesOf(de.customer.id)).toHaveLength(0)
    })

    it("turns 50 parallel requests with one idempotency key into one order and one capture", async () => {
      const p = await player("US")
      const results = await Promise.all(Array.from({ length: 50 }, () => buy(p.h, { game_ids: [gameId], payment: CARD }, "same-key-123")))
      const ids = new Set(results.map((r: any) => r.data.purchase.id))
      expect(ids.size).toBe(1)
      expect(results.every((r: any) => r.status === 202)).toBe(true)
      const done = await settled(p.h, [...ids][0] as string)
      expect(done.status).toBe("completed")
      expect(await ordersOf(p.customer.id)).toHaveLength(1)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: pcs } = await query.graph({
        entity: "order",
        fields: ["payment_collections.*", "payment_collections.payments.*", "payment_collections.payments.captures.id"],
        filters: { id: done.order_id },
      })
      const [collection] = (pcs[0] as any).payment_collections
      expect((pcs[0] as any).payment_collections).toHaveLength(1)
      expect(collection.payments).toHaveLength(1)
      expect(collection.payments[0].captures).toHaveLength(1)
      // Medusa's records of the pivot: what the admin shows and what a refund goes through.
      expect([collection.status, Number(collection.captured_amount), Number(collection.amount)]).toEqual(["completed", done.cash_amount, done.cash_amount])
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const [charge] = await knex("sandbox_gateway_charge").where({ id: collection.payments[0].data.charge_id })
      expect([collection.payments[0].provider_id, charge.status, Number(charge.captured)]).toEqual(["pp_sandbox_sandbox", "captured", 59.99])
      expect(await purchasesOf(p.customer.id)).toHaveLength(1)
    })

    it("lets only one of two parallel purchases spend the same points", async () => {
      const p = await player("US", 1000)
      const [a, b] = await Promise.all([
        buy(p.h, { game_ids: [gameId], points: 800, payment: CARD }).catch((e) => e.response),
        buy(p.h, { game_ids: [secondGameId], points: 800, payment: CARD }).catch((e) => e.response),
      ])
      // The loser is refused at once (the winner's hold is in) or fails in its saga when both passed the check.
      const outcomes = await Promise.all(
        [a, b].map(async (r) => (r.status === 202 ? settled(p.h, r.data.purchase.id) : { status: "refused", failure_reason: r.data.code }))
      )
      const won = outcomes.filter((o: any) => o.status === "completed")
      const lost = outcomes.filter((o: any) => o.status !== "completed")
      expect([won.length, lost.length]).toEqual([1, 1])
      expect(lost[0].failure_reason).toBe("insufficient_points")
      expect(await balance(p.customer.id)).toBe(200 + (won[0] as any).points_earned)
    })

    it("refuses the second of two parallel purchases of one game with different keys: 409, one order, one charge", async () => {
      const p = await player("US", 1000)
      const results = await Promise.all(
        ["dup-game-key-a", "dup-game-key-b"].map((key) => buy(p.h, { game_ids: [gameId], points: 100, payment: CARD }, key).catch((e) => e.response))
      )
      const accepted = results.filter((r: any) => r.status === 202)
      const refused = results.filter((r: any) => r.status !== 202)
      expect([accepted.length, refused.length]).toEqual([1, 1])
      expect(refused[0].status).toBe(409)
      expect(["purchase_in_progress", "already_owned"]).toContain(refused[0].data.code)
      // No entity names or ids of ours in what the loser reads.
      expect(refused[0].data.message).not.toMatch(/pur_|cart_|entitlement/i)
      const done = await settled(p.h, accepted[0].data.purchase.id)
      expect(done.status).toBe("completed")
      expect(await ordersOf(p.customer.id)).toHaveLength(1)
      expect(await purchasesOf(p.customer.id)).toHaveLength(1)
      expect(await balance(p.customer.id)).toBe(900 + done.points_earned)
      // Once owned, the same request is refused as owned.
      const again = await buy(p.h, { game_ids: [gameId], payment: CARD }, "dup-game-key-c").catch((e) => e.response)
      expect([again.status, again.data.code]).toEqual([409, "already_owned"])
    })

    describe("refund", () => {
      const gatewayCharge = async (orderId: string) => {
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "order", fields: ["payment_collections.payments.data"], filters: { id: orderId } })
        const chargeId = (data[0] as any).payment_collections[0].payments[0].data.charge_id
        const [row] = await knex("sandbox_gateway_charge").where({ id: chargeId })
        return { captured: Number(row.captured), refunded: Number(row.refunded) }
      }
      const refundOf = (id: string) => getContainer().resolve<PurchaseModuleService>(PURCHASE_MODULE).retrieveGameRefund(id)
      const untilSettled = async (id: string) => {
        for (let i = 0; i < 300 && (await refundOf(id)).status === "refunding"; i++) await new Promise((r) => setTimeout(r, 50))
        await utils.waitWorkflowExecutions()
        return refundOf(id)
      }
      const refund = (h: any, orderId: string) => api.post(`/store/orders/${orderId}/refunds`, {}, h)
      const kakaoRefusingRefunds = { method: "kakaopay", account: "010-0000-4005" }

      it("keeps everything as it was when the provider refuses the refund, tells the player and alerts staff", async () => {
        const p = await player("KR", 1000)
        const { data } = await buy(p.h, { game_ids: [gameId], points: 500, payment: kakaoRefusingRefunds })
        const done = await settled(p.h, data.purchase.id)
        expect(done.status).toBe("completed")
        const { data: asked } = await refund(p.h, done.order_id)
        const after = await untilSettled(asked.refund.id)
        expect([after.status, after.failure_reason, after.attempts]).toEqual(["failed", "refund_failed", 1])
        expect(new Date(after.retry_at!).getTime()).toBeGreaterThan(Date.now())
        expect(await balance(p.customer.id)).toBe(805)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 61000, refunded: 0 })
        expect((await order(done.order_id)).status).toBe("completed")
        expect((await api.get("/store/library", p.h)).data.library).toEqual([
          expect.objectContaining({ game_id: gameId, refund: { allowed: false, reason: "refund_in_progress" } }),
        ])
        expect(await mails(p.email)).toContain("refund-failed")
        const { data: alerts } = await api.get("/admin/refund-alerts", admin)
        expect(alerts.alerts.find((a: any) => a.refund_id === asked.refund.id)).toMatchObject({
          order_id: done.order_id,
          failure: "refund_failed",
          games: [{ game_id: gameId, title: "Preorder Quest" }],
        })
      })

      it("retries a refused refund with growing backoff, restoring and taking back points each time, and staff can retry at once", async () => {
        const p = await player("KR", 1000)
        const { data } = await buy(p.h, { game_ids: [gameId], points: 500, payment: kakaoRefusingRefunds })
        const done = await settled(p.h, data.purchase.id)
        const { data: asked } = await refund(p.h, done.order_id)
        const id = asked.refund.id
        const first = await untilSettled(id)
        expect([first.status, first.attempts]).toEqual(["failed", 1])
        const wait1 = new Date(first.retry_at!).getTime() - Date.now()
        expect(wait1).toBeGreaterThan(50_000)
        expect(wait1).toBeLessThanOrEqual(60_000)

        // Not due yet: nothing runs. Due: the job tries again, fails again, waits longer.
        expect(await retryDueGameRefunds(getContainer())).toEqual([])
        const due = await retryDueGameRefunds(getContainer(), new Date(Date.now() + 61_000))
        expect(due).toHaveLength(1)
        await Promise.all(due)
        const second = await untilSettled(id)
        expect([second.status, second.attempts]).toEqual(["failed", 2])
        expect(new Date(second.retry_at!).getTime() - Date.now()).toBeGreaterThan(4 * 60_000)

        const { data: alerts } = await api.get("/admin/refund-alerts", admin)
        expect(alerts.alerts.find((a: any) => a.refund_id === id)).toMatchObject({ attempts: 2 })
        const staff = await api.post(`/admin/refund-alerts/${id}/retry`, {}, admin)
        expect([staff.status, staff.data.started]).toEqual([202, true])
        const third = await untilSettled(id)
        expect([third.status, third.attempts]).toEqual(["failed", 3])

        // Each attempt restored the spent points and spent them again: nothing gained, nothing lost.
        expect(await balance(p.customer.id)).toBe(805)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 61000, refunded: 0 })
        expect((await mails(p.email)).filter((t) => t === "refund-failed")).toHaveLength(3)
        expect((await failure(api.post(`/admin/refund-alerts/gref_nope/retry`, {}, admin))).status).toBe(404)
        expect((await failure(api.post(`/admin/refund-alerts/${id}/retry`, {}, storeHeaders(pk, p.token)))).status).toBe(401)
      })

      it("completes a refund on the retry after a failed attempt and clears the alert", async () => {
        const p = await player("KR", 1000)
        const { data } = await buy(p.h, { game_ids: [gameId], points: 500, payment: CARD })
        const done = await settled(p.h, data.purchase.id)
        armFault("refund-game-payment:before", "timeout")
        const { data: asked } = await refund(p.h, done.order_id)
        const failed = await untilSettled(asked.refund.id)
        expect([failed.status, failed.failure_reason]).toEqual(["failed", "timeout"])
        expect(await balance(p.customer.id)).toBe(805)
        const due = await retryDueGameRefunds(getContainer(), new Date(Date.now() + 61_000))
        await Promise.all(due)
        const after = await untilSettled(asked.refund.id)
        expect([after.status, after.attempts, after.failure_reason, after.retry_at]).toEqual(["refunded", 2, null, null])
        expect(Number(after.amount)).toBe(61000)
        expect(await balance(p.customer.id)).toBe(1000)
        expect(await gatewayCharge(done.order_id)).toEqual({ captured: 61000, refunded: 61000 })
        expect((await api.get(`/store/purchases/${done.id}`, p.h)).data.purchase.status).toBe("refunded")
        expect((await api.get("/store/library", p.h)).data.library).toEqual([])
        expect(await mails(p.email)).toEqual(expect.arrayContaining(["purchase-confirmed", "refund-failed", "games-refunded"]))
        expect((await api.get("/admin/refund-alerts", admin)).data.alerts.map((a: any) => a.refund_id)).not.toContain(asked.refund.id)
        const noMore = await failure(api.post(`/admin/refund-alerts/${asked.refund.id}/retry`, {}, admin))
        expect([noMore.status, noMore.data.code]).toEqual([400, "no_failed_refund"])
      })

      it("refuses refunding a failed purchase and someone else's", async () => {
        const p = await player("US")
        const { data } = await buy(p.h, { game_ids: [gameId], payment: { method: "card", account: "4000 0000 0000 0002" } })
        const done = await settled(p.h, data.purchase.id)
        const res = await failure(api.post(`/store/purchases/${done.id}/refunds`, {}, p.h))
        expect([res.status, res.data.code]).toEqual([400, "not_refundable"])
        const other = await player("US")
        expect((await failure(api.post(`/store/purchases/${done.id}/refunds`, {}, other.h))).status).toBe(404)
      })
    })

    describe("library, release day and downloads", () => {
      it("applies the staff pre-order price until release, then the normal price", async () => {
        const { data: g } = await api.post("/admin/games", upcoming("Discounted Dawn"), admin)
        const { data: pl } = await api.post(
          "/admin/price-lists",
          {
            title: "Pre-order discount",
            description: "Until release",
            type: "sale",
            status: "active",
            ends_at: g.game.release_at,
            prices: [{ variant_id: g.game.variant_id, currency_code: "usd", amount: 49.99 }],
          },
          admin
        )
        const p = await player("US")
        const page = await api.get(`/store/games/${g.game.id}`, p.h)
        expect(page.data.game.price).toMatchObject({ amount: 49.99, original_amount: 59.99 })
        const { data } = await buy(p.h, { game_ids: [g.game.id], payment: CARD, expected_total: 49.99 })
        expect((await settled(p.h, data.purchase.id)).total).toBe(49.99)

        await api.post(`/admin/price-lists/${pl.price_list.id}`, { ends_at: new Date(Date.now() - 1000).toISOString() }, admin)
        const q = await player("US")
        const after = await failure(buy(q.h, { game_ids: [g.game.id], payment: CARD, expected_total: 49.99 }))
        expect([after.status, after.data.code, after.data.message]).toEqual([409, "price_changed", expect.stringContaining("59.99")])
      })

      it("on release day closes the pre-order and tells every owner once, by mail and in the app", async () => {
        const { data: g } = await api.post("/admin/games", upcoming("Launch Day"), admin)
        const p = await player("KR")
        const { data } = await buy(p.h, { game_ids: [g.game.id], payment: CARD })
        await settled(p.h, data.purchase.id)
        const releaseAt = new Date(g.game.release_at)
        await releaseGamesWorkflow(getContainer()).run({ input: { now: new Date(releaseAt.getTime() - 60_000) } })
        expect(await mails(p.email)).toEqual(["purchase-confirmed"])
        for (let i = 0; i < 2; i++) {
          await releaseGamesWorkflow(getContainer()).run({ input: { now: new Date(releaseAt.getTime() + 60_000) } })
        }
        expect((await mails(p.email)).sort()).toEqual(["game-released", "purchase-confirmed"])
        expect((await inApp(p.customer.id)).sort()).toEqual(["game-released", "purchase-confirmed"])
        expect((await api.get(`/admin/games/${g.game.id}`, admin)).data.game.preorder_enabled).toBe(false)
        // Its release date is still ahead here, so the closed pre-order sells nothing more.
        const late = await player("KR")
        expect((await failure(buy(late.h, { game_ids: [g.game.id], payment: CARD }))).data.code).toBe("not_released")
      })

      it("downloads only after release, for owners in a service country, through a signed expiring link", async () => {
        const { data: g } = await api.post("/admin/games", upcoming("Download Me", { download_asset: "kstore-assets://dl/1.0.zip" }), admin)
        const p = await player("KR")
        const { data } = await buy(p.h, { game_ids: [g.game.id], payment: CARD })
        await settled(p.h, data.purchase.id)
        const [entry] = (await api.get("/store/library", p.h)).data.library
        expect(entry).toMatchObject({ status: "preordered", refund: { allowed: true, reason: null } })
        const early = await failure(api.post(`/store/library/${entry.id}/download`, {}, p.h))
        expect([early.status, early.data.code]).toEqual([403, "not_released"])

        await api.post(`/admin/games/${g.game.id}`, { release_at: new Date(Date.now() - 3600e3).toISOString() }, admin)
        const { data: link } = await api.post(`/store/library/${entry.id}/download`, {}, p.h)
        expect(new Date(link.download.expires_at).getTime()).toBeGreaterThan(Date.now())
        const { data: dl } = await api.get(link.download.url, storeHeaders(pk))
        expect(dl.download).toMatchObject({ game_id: g.game.id, asset: "kstore-assets://dl/1.0.zip" })

        const tampered = link.download.url.replace(/.$/, (c: string) => (c === "A" ? "B" : "A"))
        expect((await failure(api.get(tampered, storeHeaders(pk)))).data.code).toBe("link_bad_signature")
        const old = signDownload(entry.id, p.customer.id, Date.now() - 3600e3)
        expect((await failure(api.get(`/store/downloads/${old.token}`, storeHeaders(pk)))).data.code).toBe("link_expired")
        const stranger = await player("KR")
        expect((await failure(api.post(`/store/library/${entry.id}/download`, {}, stranger.h))).status).toBe(404)

        await api.post("/store/customers/me/residence", { country_code: "DE" }, p.h)
        expect((await failure(api.get(link.download.url, storeHeaders(pk)))).data.code).toBe("country_not_served")
      })

      it("refunds a released game only within 14 days and under 2 hours of play", async () => {
        const { data: g } = await api.post("/admin/games", upcoming("Play Limit"), admin)
        const p = await player("US")
        const { data } = await buy(p.h, { game_ids: [g.game.id], payment: CARD })
        const done = await settled(p.h, data.purchase.id)
        await api.post(`/admin/games/${g.game.id}`, { release_at: new Date(Date.now() - 3600e3).toISOString() }, admin)
        const [entry] = (await api.get("/store/library", p.h)).data.library
        expect((await failure(api.post(`/store/library/${entry.id}/play`, { minutes: -3 }, p.h))).status).toBe(400)
        await api.post(`/store/library/${entry.id}/play`, { minutes: 90 }, p.h)
        const { data: played } = await api.post(`/store/library/${entry.id}/play`, { minutes: 45 }, p.h)
        expect(played.entitlement.play_minutes).toBe(135)
        expect((await api.get("/store/library", p.h)).data.library[0].refund).toEqual({ allowed: false, reason: "played_too_long" })
        const res = await failure(api.post(`/store/orders/${done.order_id}/refunds`, {}, p.h))
        expect([res.status, res.data.code]).toEqual([403, "played_too_long"])
      })
    })
  },
})
