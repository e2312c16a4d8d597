import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, befriend as befriendVia, createGame, failure, type Player, seedForTests, sentTemplates, signUpPlayer, signUpWithHandle, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { GIFT_MODULE } from "../../src/modules/gift"
import type GiftModuleService from "../../src/modules/gift/service"
import { PURCHASE_MODULE } from "../../src/modules/purchase"
import type PurchaseModuleService from "../../src/modules/purchase/service"
import { deliverDueGifts } from "../../src/workflows/gift/deliver"
import { expireGifts } from "../../src/workflows/gift/answer"

jest.setTimeout(240 * 1000)

const CARD = { method: "card", account: "4242424242424242" }
const HOUR = 3600e3

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: any
    const games: Record<string, any> = {}
    let keyNo = 0
    const key = () => ({ "idempotency-key": `gift-test-${++keyNo}-${Date.now()}` })
    let playerNo = 0

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 3)).publishable_key
      admin = await adminHeaders(api)
      const world = ["KR", "US", "DE", "BR"]
      // 1 pt ≈ 1 US cent: 20000 KRW, 19.99 USD/EUR are within 10%; 50 BRL (1000 pt) is not.
      const prices = [
        { currency_code: "krw", amount: 20000 },
        { currency_code: "usd", amount: 19.99 },
        { currency_code: "eur", amount: 19.99 },
        { currency_code: "brl", amount: 50 },
      ]
      for (const [name, title] of Object.entries({ a: "Starfall Ferry", b: "Quiet Harbor", c: "Glass Orchard", d: "Copper Tide", e: "Ember Loom", f: "Salt Lantern" })) {
        games[name] = await createGame(api, admin, { title, prices, service_countries: world, release_in_days: -10 })
      }
      games.upcoming = await createGame(api, admin, { title: "Northbound", prices, service_countries: world, release_in_days: 20, preorder_enabled: true })
      games.usOnly = await createGame(api, admin, { title: "Prairie Rail", prices, service_countries: ["US"], release_in_days: -10 })
    })

    const player = (country = "US") => signUpWithHandle(api, pk, `gifter-${++playerNo}-${Date.now()}@example.com`, country)
    const befriend = (a: Player, b: Player) => befriendVia(api, pk, a, b)
    const givePoints = (p: Player, points: number) =>
      api.post(`/admin/customers/${p.customer.id}/points/adjustments`, { points, reason: "test" }, { headers: { ...admin.headers, "idempotency-key": `gp-${++keyNo}` } })
    const balance = (p: Player) => getContainer().resolve<PointsModuleService>(POINTS_MODULE).getBalance(p.customer.id)
    const gift = (from: Player, body: any, headers = key()) => api.post("/store/gifts", { payment: CARD, ...body }, storeHeaders(pk, from.token, headers))
    const read = async (p: Player, id: string) => (await api.get(`/store/gifts/${id}`, storeHeaders(pk, p.token))).data.gift
    const until = async (p: Player, id: string, states: string[], ms = 20_000) => {
      const end = Date.now() + ms
      for (;;) {
        const g = await read(p, id)
        if (states.includes(g.state)) return g
        if (Date.now() > end) throw new Error(`gift ${id} stayed ${g.state}, expected ${states.join("/")}`)
        await new Promise((r) => setTimeout(r, 150))
      }
    }
    const mailsTo = async (to: string) => {
      await sentTemplates(getContainer(), to)
      return getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to, channel: "email" })
    }
    const library = async (p: Player) => (await api.get("/store/library", storeHeaders(pk, p.token))).data.library.map((e: any) => e.game_id)
    const giftCount = async (p: Player) => (await getContainer().resolve<GiftModuleService>(GIFT_MODULE).listGifts({ sender_id: p.customer.id })).length
    const purchaseCount = async (p: Player) =>
      (await getContainer().resolve<PurchaseModuleService>(PURCHASE_MODULE).listPurchases({ customer_id: p.customer.id })).length
    const orderPayment = async (orderId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [order] } = await query.graph({
        entity: "order",
        fields: ["payment_collections.payments.captures.amount", "payment_collections.payments.refunds.amount"],
        filters: { id: orderId },
      })
      const payments = ((order as any).payment_collections ?? []).flatMap((c: any) => c.payments ?? [])
      const sum = (rows: any[]) => rows.reduce((s, r) => s + Number(r.amount), 0)
      return { captured: sum(payments.flatMap((p: any) => p.captures ?? [])), refunded: sum(payments.flatMap((p: any) => p.refunds ?? [])) }
    }

    describe("scheduled gift, delivered by the job, accepted", () => {
      it("pays with the sender's points and card, keeps the game out of the sender's library, delivers at the due time, and the accepted game is the recipient's", async () => {
        const [sender, friend] = [await player("US"), await player("US")]
        await befriend(sender, friend)
        await givePoints(sender, 500)
        await api.post("/store/customers/me/profile", { time_zone: "Asia/Tokyo" }, storeHeaders(pk, friend.token))
        const deliverAt = new Date(Date.now() + 2 * HOUR)
        const res = await gift(sender, {
          game_id: games.a.id,
          recipient_handle: friend.handle,
          message: "Happy birthday! <b>not bold</b> & more",
          deliver_at: deliverAt.toISOString(),
          time_zone: "America/New_York",
          points: 500,
        })
        expect(res.status).toBe(202)
        expect(res.data.gift).toMatchObject({ state: "paying", box: "sent", game: { id: games.a.id } })
        const paid = await until(sender, res.data.gift.id, ["scheduled", "failed"])
        expect(paid).toMatchObject({ state: "scheduled", currency_code: "usd", amount: 19.99, points_used: 500, cash_amount: 14.99 })
        expect([paid.time_zone, paid.recipient_time_zone]).toEqual(["America/New_York", "Asia/Tokyo"])
        const receipt = (await mailsTo(sender.email)).find((m: any) => m.template === "gift-purchased")
        expect(receipt?.data?.text).toMatch(/ (EST|EDT|GMT-[45]) \(.* GMT\+9 for them\)\./)
        expect(await balance(sender)).toBe(0 + Math.floor((14.99 * 0.05) / 0.01))
        expect(await library(sender)).not.toContain(games.a.id)
        // Still a surprise: not in the recipient's inbox, not readable by them.
        expect((await api.get("/store/gifts?box=received", storeHeaders(pk, friend.token))).data.gifts).toEqual([])
        expect((await failure(api.get(`/store/gifts/${paid.id}`, storeHeaders(pk, friend.token)))).status).toBe(404)

        expect(await deliverDueGifts(getContainer(), new Date(deliverAt.getTime() - 60_000))).toBe(0)
        expect(await deliverDueGifts(getContainer(), new Date(deliverAt.getTime() + 1000))).toBe(1)
        const inbox = (await api.get("/store/gifts?box=received", storeHeaders(pk, friend.token))).data.gifts
        expect(inbox).toEqual([
          expect.objectContaining({ id: paid.id, state: "delivered", message: "Happy birthday! <b>not bold</b> & more", sender: expect.objectContaining({ handle: sender.handle }) }),
        ])
        expect(inbox[0].amount).toBeUndefined()
        expect(JSON.stringify(inbox)).not.toContain(sender.email)
        expect(await sentTemplates(getContainer(), friend.email)).toContain("gift-received")
        expect(await sentTemplates(getContainer(), friend.customer.id, "feed")).toContain("gift-received")
        expect(await sentTemplates(getContainer(), sender.email)).toEqual(expect.arrayContaining(["gift-purchased", "gift-delivered"]))

        const accepted = await api.post(`/store/gifts/${paid.id}/accept`, {}, storeHeaders(pk, friend.token))
        expect(accepted.data.gift.state).toBe("accepted")
        expect(await library(friend)).toContain(games.a.id)
        expect(await library(sender)).not.toContain(games.a.id)
        const again = await failure(api.post(`/store/gifts/${paid.id}/decline`, {}, storeHeaders(pk, friend.token)))
        expect([again.status, again.data.code]).toEqual([409, "gift_answered"])
        expect(await sentTemplates(getContainer(), sender.email)).toContain("gift-accepted")
        const history = (await read(sender, paid.id)).history.map((h: any) => [h.from, h.to, h.cause])
        expect(history).toEqual([
          [null, "paying", "bought"],
          ["paying", "scheduled", "paid"],
          ["scheduled", "delivered", "due"],
          ["delivered", "accepted", "accepted"],
        ])
      })
    })

    describe("declined, expired and cancelled gifts refund the sender exactly", () => {
      let sender: Player
      let friend: Player
      // The runner restores the database before each test: every test makes its own players.
      beforeEach(async () => {
        ;[sender, friend] = [await player("US"), await player("US")]
        await befriend(sender, friend)
      })

      const sendNow = async (gameId: string, points = 0) => {
        const { data } = await gift(sender, { game_id: gameId, recipient_id: friend.customer.id, points })
        return until(sender, data.gift.id, ["delivered", "failed"])
      }

      it("declined: the sender's payment and points come back at once, both are told", async () => {
        await givePoints(sender, 300)
        const before = await balance(sender)
        const delivered = await sendNow(games.b.id, 300)
        expect(delivered.state).toBe("delivered")
        const res = await api.post(`/store/gifts/${delivered.id}/decline`, {}, storeHeaders(pk, friend.token))
        expect(res.status).toBe(202)
        const refunded = await until(sender, delivered.id, ["refunded"])
        expect(refunded.refund_reason).toBe("declined")
        expect(await balance(sender)).toBe(before)
        const gift = await getContainer().resolve<GiftModuleService>(GIFT_MODULE).retrieveGift(delivered.id)
        expect(await orderPayment(gift.order_id!)).toEqual({ captured: 16.99, refunded: 16.99 })
        expect(await library(friend)).not.toContain(games.b.id)
        expect(await sentTemplates(getContainer(), sender.email)).toEqual(expect.arrayContaining(["gift-declined", "games-refunded"]))
        expect(await sentTemplates(getContainer(), friend.email)).toContain("gift-declined")
      })

      it("unanswered for 30 days: refunded automatically, both emailed", async () => {
        const before = await balance(sender)
        const delivered = await sendNow(games.c.id)
        expect(await expireGifts(getContainer(), new Date(Date.now() + 29 * 24 * HOUR))).toBe(0)
        expect(await expireGifts(getContainer(), new Date(Date.now() + 31 * 24 * HOUR))).toBeGreaterThanOrEqual(1)
        const refunded = await until(sender, delivered.id, ["refunded"])
        expect(refunded.refund_reason).toBe("expired")
        expect(await balance(sender)).toBe(before)
        expect(await sentTemplates(getContainer(), sender.email)).toContain("gift-expired")
        expect(await sentTemplates(getContainer(), friend.email)).toContain("gift-expired")
        const late = await failure(api.post(`/store/gifts/${delivered.id}/accept`, {}, storeHeaders(pk, friend.token)))
        expect([late.status, late.data.code]).toEqual([409, "gift_answered"])
      })

      it("cancelled by the sender before delivery is refunded; after delivery it cannot be", async () => {
        const { data } = await gift(sender, { game_id: games.d.id, recipient_id: friend.customer.id, deliver_at: new Date(Date.now() + 24 * HOUR).toISOString() })
        const scheduled = await until(sender, data.gift.id, ["scheduled"])
        expect((await failure(api.post(`/store/gifts/${scheduled.id}/cancel`, {}, storeHeaders(pk, friend.token)))).status).toBe(404)
        expect((await api.post(`/store/gifts/${scheduled.id}/cancel`, {}, storeHeaders(pk, sender.token))).status).toBe(202)
        expect((await until(sender, scheduled.id, ["refunded"])).refund_reason).toBe("cancelled")
        expect(await deliverDueGifts(getContainer(), new Date(Date.now() + 48 * HOUR))).toBe(0)

        const delivered = await sendNow(games.e.id)
        const late = await failure(api.post(`/store/gifts/${delivered.id}/cancel`, {}, storeHeaders(pk, sender.token)))
        expect([late.status, late.data.code]).toEqual([409, "gift_not_cancellable"])
      })

      it("a pre-order can be a gift: accepted, it is the recipient's pre-order, downloadable from release day", async () => {
        const delivered = await sendNow(games.upcoming.id)
        expect(delivered.state).toBe("delivered")
        expect((await api.post(`/store/gifts/${delivered.id}/accept`, {}, storeHeaders(pk, friend.token))).data.gift.state).toBe("accepted")
        const entry = (await api.get("/store/library", storeHeaders(pk, friend.token))).data.library.find((e: any) => e.game_id === games.upcoming.id)
        expect(entry).toMatchObject({ source: "gift", status: "preordered", gift_id: delivered.id, refund: { allowed: true } })
        expect(await library(sender)).not.toContain(games.upcoming.id)
        const download = await failure(api.post(`/store/library/${entry.id}/download`, {}, storeHeaders(pk, friend.token)))
        expect([download.status, download.data.code]).toEqual([403, "not_released"])
      })

      it("a recipient who came to own the game meanwhile cannot accept it: the sender is refunded", async () => {
        const delivered = await sendNow(games.f.id)
        const { data } = await api.post("/store/purchases", { game_ids: [games.f.id], payment: CARD }, storeHeaders(pk, friend.token, key()))
        expect((await api.get(`/store/purchases/${data.purchase.id}?wait=15`, storeHeaders(pk, friend.token))).data.purchase.status).toBe("completed")
        const refused = await failure(api.post(`/store/gifts/${delivered.id}/accept`, {}, storeHeaders(pk, friend.token)))
        expect([refused.status, refused.data.code]).toEqual([409, "already_owned"])
        expect((await until(sender, delivered.id, ["refunded"])).refund_reason).toBe("already_owned")
      })
    })

    describe("after acceptance, the refund policy of a purchase applies", () => {
      let sender: Player
      let friend: Player
      beforeEach(async () => {
        ;[sender, friend] = [await player("US"), await player("US")]
        await befriend(sender, friend)
      })
      const acceptedGift = async (gameId: string, points = 0) => {
        const { data } = await gift(sender, { game_id: gameId, recipient_id: friend.customer.id, points })
        const delivered = await until(sender, data.gift.id, ["delivered", "failed"])
        expect((await api.post(`/store/gifts/${delivered.id}/accept`, {}, storeHeaders(pk, friend.token))).data.gift.state).toBe("accepted")
        return getContainer().resolve<GiftModuleService>(GIFT_MODULE).retrieveGift(delivered.id)
      }
      const entry = async (p: Player, gameId: string) =>
        (await api.get("/store/library", storeHeaders(pk, p.token))).data.library.find((e: any) => e.game_id === gameId)

      it("the recipient gives it back: the money and points go to the sender; nobody else can refund it", async () => {
        await givePoints(sender, 300)
        const before = await balance(sender)
        const accepted = await acceptedGift(games.b.id, 300)
        expect(await entry(friend, games.b.id)).toMatchObject({ source: "gift", gift_id: accepted.id, refund: { allowed: true } })

        // The sender's order paid, but the game is the recipient's: the sender cannot take it back.
        for (const path of [`/store/orders/${accepted.order_id}/refunds`, `/store/purchases/${accepted.purchase_id}/refunds`]) {
          const taken = await failure(api.post(path, {}, storeHeaders(pk, sender.token)))
          expect([taken.status, taken.data.code]).toEqual([403, "gift_order"])
        }
        expect((await failure(api.post(`/store/gifts/${accepted.id}/refund`, {}, storeHeaders(pk, sender.token)))).status).toBe(404)
        const stranger = await player("US")
        expect((await failure(api.post(`/store/gifts/${accepted.id}/refund`, {}, storeHeaders(pk, stranger.token)))).status).toBe(404)
        expect((await failure(api.post(`/store/orders/${accepted.order_id}/refunds`, {}, storeHeaders(pk, friend.token)))).status).toBe(404)

        const res = await api.post(`/store/gifts/${accepted.id}/refund`, {}, storeHeaders(pk, friend.token))
        expect(res.status).toBe(202)
        expect(res.data.gift).toMatchObject({ state: expect.stringMatching(/^(accepted|refunded)$/), refund_reason: "requested" })
        const twice = await api.post(`/store/gifts/${accepted.id}/refund`, {}, storeHeaders(pk, friend.token)).catch((e) => e.response)
        expect([202, 409]).toContain(twice.status)
        const refunded = await until(friend, accepted.id, ["refunded"])
        expect(refunded.refund_reason).toBe("requested")
        expect(await balance(sender)).toBe(before)
        expect(await orderPayment(accepted.order_id!)).toEqual({ captured: 16.99, refunded: 16.99 })
        expect(await library(friend)).not.toContain(games.b.id)
        expect(await library(sender)).not.toContain(games.b.id)
        const refunds = await getContainer().resolve<PurchaseModuleService>(PURCHASE_MODULE).listGameRefunds({ order_id: accepted.order_id! })
        expect(refunds.map((r) => [r.customer_id, r.status])).toEqual([[sender.customer.id, "refunded"]])
        expect(await sentTemplates(getContainer(), sender.email)).toContain("games-refunded")
        const late = await failure(api.post(`/store/gifts/${accepted.id}/refund`, {}, storeHeaders(pk, friend.token)))
        expect([late.status, late.data.code]).toEqual([409, "gift_not_refundable"])
        const history = (await read(sender, accepted.id)).history.map((h: any) => h.to)
        expect(history.slice(-2)).toEqual(["accepted", "refunded"])
      })

      it("outside the policy (played two hours) it is refused and stays the recipient's; a delivered gift is declined, not refunded", async () => {
        const accepted = await acceptedGift(games.c.id)
        const owned = await entry(friend, games.c.id)
        await api.post(`/store/library/${owned.id}/play`, { minutes: 130 }, storeHeaders(pk, friend.token))
        expect((await entry(friend, games.c.id)).refund).toEqual({ allowed: false, reason: "played_too_long" })
        const refused = await failure(api.post(`/store/gifts/${accepted.id}/refund`, {}, storeHeaders(pk, friend.token)))
        expect([refused.status, refused.data.code]).toEqual([403, "played_too_long"])
        expect((await read(friend, accepted.id)).state).toBe("accepted")
        expect(await library(friend)).toContain(games.c.id)
        const refunds = await getContainer().resolve<PurchaseModuleService>(PURCHASE_MODULE).listGameRefunds({ order_id: accepted.order_id! })
        expect(refunds).toEqual([])

        const { data } = await gift(sender, { game_id: games.d.id, recipient_id: friend.customer.id })
        const delivered = await until(sender, data.gift.id, ["delivered"])
        const early = await failure(api.post(`/store/gifts/${delivered.id}/refund`, {}, storeHeaders(pk, friend.token)))
        expect([early.status, early.data.code]).toEqual([409, "gift_not_refundable"])
      })
    })

    describe("refusals write nothing", () => {
      let sender: Player
      let friend: Player
      // The runner restores the database before each test: every test makes its own players.
      beforeEach(async () => {
        ;[sender, friend] = [await player("US"), await player("US")]
        await befriend(sender, friend)
      })

      const refused = async (from: Player, body: any) => {
        const [gifts, purchases] = [await giftCount(from), await purchaseCount(from)]
        const res = await failure(gift(from, body))
        expect(await giftCount(from)).toBe(gifts)
        expect(await purchaseCount(from)).toBe(purchases)
        return [res.status, res.data.code ?? res.data.type]
      }

      it("refuses strangers, pending and blocked friends, and oneself", async () => {
        const stranger = await player("US")
        expect(await refused(sender, { game_id: games.a.id, recipient_id: stranger.customer.id })).toEqual([403, "not_friends"])
        await api.post("/store/friends/requests", { handle: stranger.handle }, storeHeaders(pk, sender.token))
        expect(await refused(sender, { game_id: games.a.id, recipient_handle: stranger.handle })).toEqual([403, "not_friends"])
        expect(await refused(sender, { game_id: games.a.id, recipient_id: sender.customer.id })).toEqual([400, "self_gift"])
        expect(await refused(sender, { game_id: games.a.id, recipient_handle: "no-such-player-x" })).toEqual([403, "not_friends"])
        const blocker = await player("US")
        await befriend(sender, blocker)
        await api.post("/store/friends/blocks", { customer_id: sender.customer.id }, storeHeaders(pk, blocker.token))
        expect(await refused(sender, { game_id: games.a.id, recipient_id: blocker.customer.id })).toEqual([403, "not_friends"])
      })

      it("refuses a game the friend owns, one not sold in their country, a region whose price differs too much, and a pending gift", async () => {
        const kr = await player("KR")
        const br = await player("BR")
        const de = await player("DE")
        await befriend(sender, kr)
        await befriend(sender, br)
        await befriend(sender, de)
        expect(await refused(sender, { game_id: games.usOnly.id, recipient_id: kr.customer.id })).toEqual([403, "country_not_served"])
        expect(await refused(sender, { game_id: games.a.id, recipient_id: br.customer.id })).toEqual([403, "price_region_mismatch"])
        const { data } = await api.post("/store/purchases", { game_ids: [games.b.id], payment: CARD }, storeHeaders(pk, de.token, key()))
        await api.get(`/store/purchases/${data.purchase.id}?wait=15`, storeHeaders(pk, de.token))
        expect(await refused(sender, { game_id: games.b.id, recipient_id: de.customer.id })).toEqual([409, "already_owned"])
        const first = await gift(sender, { game_id: games.c.id, recipient_id: kr.customer.id, deliver_at: new Date(Date.now() + HOUR).toISOString() })
        expect(first.status).toBe(202)
        expect(await refused(sender, { game_id: games.c.id, recipient_id: kr.customer.id })).toEqual([409, "pending_gift"])

        // The picker shows the same reasons before anyone pays.
        const { data: picker } = await api.get(`/store/games/${games.b.id}/gift-recipients`, storeHeaders(pk, sender.token))
        const reasonOf = (p: Player) => picker.recipients.find((r: any) => r.customer_id === p.customer.id)
        expect(reasonOf(de)).toMatchObject({ giftable: false, reason: "already_owned", handle: de.handle })
        expect(reasonOf(br)).toMatchObject({ giftable: false, reason: "price_region_mismatch" })
        expect(reasonOf(kr)).toMatchObject({ giftable: true, reason: null })
        // Each friend's zone: the one they chose, else their country's.
        expect([reasonOf(kr).time_zone, reasonOf(de).time_zone]).toEqual(["Asia/Seoul", "Europe/Berlin"])
        expect(JSON.stringify(picker)).not.toContain("@example.com")
        const { data: pending } = await api.get(`/store/games/${games.c.id}/gift-recipients`, storeHeaders(pk, sender.token))
        expect(pending.recipients.find((r: any) => r.customer_id === kr.customer.id)).toMatchObject({ giftable: false, reason: "pending_gift" })
      })

      it("refuses delivery times in the past or more than a year ahead, long messages and bad input", async () => {
        const base = { game_id: games.d.id, recipient_id: friend.customer.id }
        expect(await refused(sender, { ...base, deliver_at: new Date(Date.now() - 60_000).toISOString() })).toEqual([400, "invalid_delivery_time"])
        expect(await refused(sender, { ...base, deliver_at: new Date(Date.now() + 367 * 24 * HOUR).toISOString() })).toEqual([400, "invalid_delivery_time"])
        expect((await refused(sender, { ...base, message: "x".repeat(501) }))[0]).toBe(400)
        expect((await refused(sender, { ...base, deliver_at: "tomorrow" }))[0]).toBe(400)
        expect((await refused(sender, { ...base, time_zone: "Mars/Olympus" }))[0]).toBe(400)
        expect((await refused(sender, { ...base, recipient_handle: friend.handle }))[0]).toBe(400)
        expect((await refused(sender, { ...base, message: "hi\u0000there" }))[0]).toBe(400)
        const noKey = await failure(api.post("/store/gifts", base, storeHeaders(pk, sender.token)))
        expect(noKey.status).toBe(400)
      })

      it("needs a verified email and stops at the daily limit (429)", async () => {
        const unverified = await signUpPlayer(api, pk, `unverified-gifter-${Date.now()}@example.com`, "US", { verified: false })
        const u = { ...unverified, email: "", handle: "" } as Player
        const res = await failure(gift(u, { game_id: games.a.id, recipient_id: friend.customer.id }))
        expect([res.status, res.data.code]).toEqual([403, "email_unverified"])

        process.env.GIFT_DAILY_LIMIT = "2"
        try {
          const limited = await player("US")
          const others = [await player("US"), await player("US"), await player("US")]
          for (const o of others) await befriend(limited, o)
          for (const o of others.slice(0, 2)) expect((await gift(limited, { game_id: games.e.id, recipient_id: o.customer.id, deliver_at: new Date(Date.now() + HOUR).toISOString() })).status).toBe(202)
          expect(await refused(limited, { game_id: games.e.id, recipient_id: others[2].customer.id })).toEqual([429, "gift_daily_limit"])
        } finally {
          delete process.env.GIFT_DAILY_LIMIT
        }
      })

      it("replays the same Idempotency-Key and body, refuses it with another body (422)", async () => {
        const headers = key()
        const body = { game_id: games.f.id, recipient_id: friend.customer.id, deliver_at: new Date(Date.now() + HOUR).toISOString() }
        const first = await gift(sender, body, headers)
        const second = await gift(sender, body, headers)
        expect(second.data.gift.id).toBe(first.data.gift.id)
        const reused = await failure(gift(sender, { ...body, message: "other" }, headers))
        expect([reused.status, reused.data.code]).toEqual([422, "idempotency_key_reused"])
      })
    })

    describe("access control", () => {
      it("nobody else reads, accepts, declines or cancels a gift", async () => {
        const [sender, friend, other] = [await player("US"), await player("US"), await player("US")]
        await befriend(sender, friend)
        const { data } = await gift(sender, { game_id: games.a.id, recipient_id: friend.customer.id })
        const delivered = await until(sender, data.gift.id, ["delivered"])
        for (const call of [
          () => api.get(`/store/gifts/${delivered.id}`, storeHeaders(pk, other.token)),
          () => api.post(`/store/gifts/${delivered.id}/accept`, {}, storeHeaders(pk, other.token)),
          () => api.post(`/store/gifts/${delivered.id}/decline`, {}, storeHeaders(pk, other.token)),
          () => api.post(`/store/gifts/${delivered.id}/cancel`, {}, storeHeaders(pk, other.token)),
          () => api.post(`/store/gifts/${delivered.id}/accept`, {}, storeHeaders(pk, sender.token)),
          () => api.post(`/store/gifts/${delivered.id}/cancel`, {}, storeHeaders(pk, friend.token)),
        ]) {
          expect((await failure(call())).status).toBe(404)
        }
        expect((await failure(api.get(`/store/gifts/${delivered.id}`, storeHeaders(pk)))).status).toBe(401)
        expect((await api.get("/store/gifts?box=sent", storeHeaders(pk, other.token))).data.gifts).toEqual([])
        const seen = await api.get(`/store/gifts/${delivered.id}`, storeHeaders(pk, friend.token)).catch((e) => e.response)
        expect([seen.status, seen.data.gift?.state]).toEqual([200, "delivered"])
      })

      it("a block cancels the open gifts between the two players and refunds them", async () => {
        const [sender, friend] = [await player("US"), await player("US")]
        await befriend(sender, friend)
        const { data } = await gift(sender, { game_id: games.b.id, recipient_id: friend.customer.id, deliver_at: new Date(Date.now() + HOUR).toISOString() })
        await until(sender, data.gift.id, ["scheduled"])
        await api.post("/store/friends/blocks", { customer_id: sender.customer.id }, storeHeaders(pk, friend.token))
        const closed = await until(sender, data.gift.id, ["refunded"])
        expect(closed.refund_reason).toBe("blocked")
      })

      it("a block while the gift's payment is still under way cancels it once paid: never delivered, refunded", async () => {
        const [sender, friend] = [await player("DE"), await player("DE")]
        await befriend(sender, friend)
        const { data } = await gift(sender, { game_id: games.b.id, recipient_id: friend.customer.id, payment: { method: "sepa" } })
        const paying = await read(sender, data.gift.id)
        expect(paying.state).toBe("paying")
        const waiting = await api.get(`/store/purchases/${paying.purchase_id}?wait=15`, storeHeaders(pk, sender.token))
        expect(waiting.data.purchase.status).toBe("awaiting_payment")
        await api.post("/store/friends/blocks", { customer_id: sender.customer.id }, storeHeaders(pk, friend.token))
        expect((await read(sender, data.gift.id)).state).toBe("paying")
        const paid = await api.post(`/store/purchases/${paying.purchase_id}/sandbox-payment`, { outcome: "paid" }, storeHeaders(pk, sender.token))
        expect(paid.status).toBe(202)
        const closed = await until(sender, data.gift.id, ["refunded"])
        expect([closed.refund_reason, closed.delivered_at]).toEqual(["blocked", null])
        expect(closed.history.map((h: any) => h.to)).toEqual(["paying", "scheduled", "cancelled", "refunded"])
        const row = await getContainer().resolve<GiftModuleService>(GIFT_MODULE).retrieveGift(data.gift.id)
        expect(await orderPayment(row.order_id!)).toEqual({ captured: 19.99, refunded: 19.99 })
        expect(await library(friend)).not.toContain(games.b.id)
        expect(await sentTemplates(getContainer(), friend.email)).not.toContain("gift-received")
      })
    })

    describe("delivery job", () => {
      it("two workers in parallel deliver each of 100 gifts due at the same minute exactly once", async () => {
        const gifts = getContainer().resolve<GiftModuleService>(GIFT_MODULE)
        const due = new Date(Date.now() + 10 * 24 * HOUR)
        const [sender, ...friends] = [await player("US"), await player("US"), await player("US")]
        const rows = await gifts.createGifts(
          Array.from({ length: 100 }, (_, i) => ({
            sender_id: sender.customer.id,
            recipient_id: friends[i % 2].customer.id,
            game_id: `game_bulk_${i}`,
            game_title: `Bulk ${i}`,
            idempotency_key: `bulk-${i}`,
            request_hash: "x",
            state: "scheduled" as const,
            sender_country: "US",
            recipient_country: "US",
            currency_code: "usd",
            amount: 1,
            cash_amount: 1,
            deliver_at: new Date(due.getTime() + (i % 60) * 1000),
          }))
        )
        const at = new Date(due.getTime() + 61_000)
        const [one, two] = await Promise.all([deliverDueGifts(getContainer(), at), deliverDueGifts(getContainer(), at)])
        expect(one + two).toBe(100)
        const ids = rows.map((r: any) => r.id)
        const events = await gifts.listGiftEvents({ gift_id: ids, to_state: "delivered" })
        expect(events.length).toBe(100)
        expect(new Set(events.map((e) => e.gift_id)).size).toBe(100)
        const after = await gifts.listGifts({ id: ids }, { select: ["state", "notified_at"] })
        expect(after.every((g) => g.state === "delivered" && g.notified_at)).toBe(true)
        const received = (await sentTemplates(getContainer(), friends[0].email)).filter((t) => t === "gift-received")
        expect(received.length).toBe(50)
        expect(await deliverDueGifts(getContainer(), at)).toBe(0)
      })
    })
  },
})
