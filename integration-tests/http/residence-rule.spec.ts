import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, createGame, failure, seedForTests, signUpPlayer, storeHeaders } from "../helpers"

jest.setTimeout(180 * 1000)

const DAY = 86400e3
const CARD = { method: "card", account: "4242424242424242" }
const prices = [
  { currency_code: "krw", amount: 22000 },
  { currency_code: "usd", amount: 19.99 },
  { currency_code: "eur", amount: 19.99 },
]

/**
 * The residence rule: a player changes residence country at most once per 90 days
 * (RESIDENCE_CHANGE_DAYS), so moving abroad to buy a game sold only there and moving straight back
 * is refused; staff can lift the limit for one change; play time reported in parallel all counts.
 */
medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: any
    let usOnly: any
    let world: any
    let n = 0

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 5)).publishable_key
      admin = await adminHeaders(api)
      usOnly = await createGame(api, admin, { title: "Liberty Skies", prices, service_countries: ["US"], release_in_days: -30 })
      world = await createGame(api, admin, { title: "Open World Tour", prices, service_countries: ["KR", "US", "DE"], release_in_days: -30 })
    })
    beforeEach(async () => {
      admin = await adminHeaders(api)
    })

    const player = async (country: string) => {
      const { customer, token } = await signUpPlayer(api, pk, `residence-${++n}-${Date.now()}@example.com`, country)
      return { customer, token, h: storeHeaders(pk, token) }
    }
    const move = (h: any, country_code: string, reason?: string) =>
      api.post("/store/customers/me/residence", { country_code, ...(reason ? { reason } : {}) }, h)
    const buy = async (h: any, gameId: string) => {
      const { data } = await api.post(
        "/store/purchases",
        { game_ids: [gameId], payment: CARD },
        { headers: { ...h.headers, "idempotency-key": `rr-${++n}-${Date.now()}` } }
      )
      const done = (await api.get(`/store/purchases/${data.purchase.id}?wait=15`, h)).data.purchase
      expect(done.status).toBe("completed")
      return done
    }
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    /** Moves a player's logged changes `days` into the past, as if they were made then. */
    const age = (customerId: string, days: number) =>
      knex()("residence_change")
        .where({ customer_id: customerId })
        .update({ created_at: knex().raw("created_at - make_interval(days => ?)", [days]) })
    const staffId = async () => (await api.get("/admin/users/me", admin)).data.user.id as string

    describe("residence changes", () => {
      it("refuses an immediate second change with residence_change_too_soon and the date it becomes possible", async () => {
        const p = await player("KR")
        const { data: moved } = await move(p.h, "US", "new job in Seattle")
        expect(moved.residence).toMatchObject({ country_code: "US", change_allowed: false, change_days: 90 })
        const changedAt = new Date(moved.residence.changes[0].created_at).getTime()

        const res = await failure(move(p.h, "KR", "back home"))
        expect(res.status).toBe(409)
        expect(res.data).toMatchObject({ code: "residence_change_too_soon", next_change_at: expect.any(String) })
        expect(Math.abs(new Date(res.data.next_change_at).getTime() - (changedAt + 90 * DAY))).toBeLessThan(2000)
        expect(res.data.message).toContain(res.data.next_change_at)

        const { data } = await api.get("/store/customers/me/residence", p.h)
        expect(data.residence).toMatchObject({ country_code: "US", change_allowed: false, next_change_at: res.data.next_change_at })
        expect(data.residence.changes.map((c: any) => [c.from_country, c.to_country, c.source])).toEqual([
          ["KR", "US", "customer"],
          [null, "KR", "signup"],
        ])
      })

      it("does not count the sign-up residence, and allows the next change after 90 days", async () => {
        const p = await player("DE")
        expect((await api.get("/store/customers/me/residence", p.h)).data.residence).toMatchObject({
          change_allowed: true,
          next_change_at: null,
        })
        await move(p.h, "KR")
        await age(p.customer.id, 89)
        expect((await failure(move(p.h, "DE"))).data.code).toBe("residence_change_too_soon")
        await age(p.customer.id, 2)
        const { data } = await move(p.h, "DE", "moved back after a year")
        expect(data.residence.country_code).toBe("DE")
        expect((await failure(move(p.h, "US"))).status).toBe(409)
      })

      it("lets only one of two parallel changes through", async () => {
        const p = await player("KR")
        const results = await Promise.allSettled([move(p.h, "US"), move(p.h, "DE")])
        const ok = results.filter((r) => r.status === "fulfilled")
        const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[]
        expect(ok).toHaveLength(1)
        expect(refused.map((r) => [r.reason.response?.status, r.reason.response?.data?.code])).toEqual([
          [409, "residence_change_too_soon"],
        ])
        const { data } = await api.get("/store/customers/me/residence", p.h)
        expect(data.residence.changes).toHaveLength(2)
      })

      it("closes the bypass: move to buy a game sold only abroad, then move straight back", async () => {
        const p = await player("KR")
        // Living in KR, the US-only game is not for sale.
        const notServed = await failure(
          api.post("/store/purchases", { game_ids: [usOnly.id], payment: CARD }, { headers: { ...p.h.headers, "idempotency-key": `rr-kr-${Date.now()}` } })
        )
        expect([notServed.status, notServed.data.code]).toEqual([403, "country_not_served"])

        await move(p.h, "US")
        await buy(p.h, usOnly.id)
        await buy(p.h, world.id)

        const back = await failure(move(p.h, "KR"))
        expect([back.status, back.data.code]).toEqual([409, "residence_change_too_soon"])
        expect((await api.get("/store/customers/me/residence", p.h)).data.residence.country_code).toBe("US")

        // When the player may move again (a staff lift here), purchases and downloads follow the new residence.
        await api.post(`/admin/customers/${p.customer.id}/residence/lift`, { reason: "proven move back to Korea" }, admin)
        await move(p.h, "KR", "moved back")
        const library = (await api.get("/store/library", p.h)).data.library
        const owned = (gameId: string) => library.find((e: any) => e.game_id === gameId)
        const refused = await failure(api.post(`/store/library/${owned(usOnly.id).id}/download`, {}, p.h))
        expect([refused.status, refused.data.code]).toEqual([403, "country_not_served"])
        const { data: link } = await api.post(`/store/library/${owned(world.id).id}/download`, {}, p.h)
        expect(link.download.url).toMatch(/^\/store\/downloads\//)
      })
    })

    describe("staff", () => {
      it("lift the limit for one change, logged with the staff user id", async () => {
        const p = await player("KR")
        await move(p.h, "US")
        expect((await failure(move(p.h, "KR"))).status).toBe(409)

        const { data: lifted } = await api.post(
          `/admin/customers/${p.customer.id}/residence/lift`,
          { reason: "relocation documents checked" },
          admin
        )
        const staff = await staffId()
        expect(lifted).toMatchObject({ created: true, lift: { created_by: staff, reason: "relocation documents checked", used_at: null } })
        expect(lifted.residence).toMatchObject({ change_allowed: true, next_change_at: null, open_lift: { id: lifted.lift.id } })
        // A second lift while one is open is the same lift: still one change.
        const { data: again } = await api.post(`/admin/customers/${p.customer.id}/residence/lift`, { reason: "clicked twice" }, admin)
        expect([again.created, again.lift.id]).toEqual([false, lifted.lift.id])

        const { data: moved } = await move(p.h, "KR", "back home")
        expect(moved.residence.country_code).toBe("KR")
        expect((await failure(move(p.h, "US"))).data.code).toBe("residence_change_too_soon")

        const { data } = await api.get(`/admin/customers/${p.customer.id}/residence`, admin)
        expect(data.residence.changes[0]).toMatchObject({
          from_country: "US",
          to_country: "KR",
          source: "customer",
          reason: "back home",
          lift_id: lifted.lift.id,
          lifted_by: staff,
        })
        expect(data.residence.lifts).toEqual([
          expect.objectContaining({ id: lifted.lift.id, created_by: staff, change_id: data.residence.changes[0].id, used_at: expect.any(String) }),
        ])
        expect(data.residence.open_lift).toBeNull()
      })

      it("see the current residence, the log and when the next change is allowed", async () => {
        const p = await player("JP")
        const empty = (await api.get(`/admin/customers/${p.customer.id}/residence`, admin)).data.residence
        expect(empty).toMatchObject({ customer_id: p.customer.id, country_code: "JP", change_allowed: true, next_change_at: null, open_lift: null, lifts: [] })
        await move(p.h, "US", "studying abroad")
        const { data } = await api.get(`/admin/customers/${p.customer.id}/residence`, admin)
        expect(data.residence).toMatchObject({ country_code: "US", change_allowed: false, change_days: 90 })
        const changedAt = new Date(data.residence.changes[0].created_at).getTime()
        expect(new Date(data.residence.next_change_at).getTime()).toBe(changedAt + 90 * DAY)
        expect(data.residence.last_change_at).toBe(data.residence.changes[0].created_at)
        expect(data.residence.changes).toEqual([
          expect.objectContaining({ from_country: "JP", to_country: "US", source: "customer", reason: "studying abroad", lift_id: null, lifted_by: null }),
          expect.objectContaining({ from_country: null, to_country: "JP", source: "signup" }),
        ])
      })

      it("get 404 for an unknown customer", async () => {
        const get = await failure(api.get("/admin/customers/cus_does_not_exist/residence", admin))
        expect(get.status).toBe(404)
        const lift = await failure(api.post("/admin/customers/cus_does_not_exist/residence/lift", { reason: "no such player" }, admin))
        expect(lift.status).toBe(404)
        expect(await knex()("residence_change_lift").where({ customer_id: "cus_does_not_exist" })).toHaveLength(0)
      })

      it("need to be signed in as staff", async () => {
        const p = await player("KR")
        expect((await failure(api.get(`/admin/customers/${p.customer.id}/residence`))).status).toBe(401)
        expect((await failure(api.post(`/admin/customers/${p.customer.id}/residence/lift`, { reason: "self service" }, p.h))).status).toBe(401)
      })
    })

    describe("validation", () => {
      it("answers 400 to a bad lift or change and writes nothing", async () => {
        const p = await player("KR")
        const url = `/admin/customers/${p.customer.id}/residence/lift`
        for (const body of [{}, { reason: "" }, { reason: "ok" }, { reason: "x".repeat(501) }, { reason: 42 }, { reason: "a fine reason", extra: true }]) {
          const res = await failure(api.post(url, body, admin))
          expect([res.status, typeof res.data.message]).toEqual([400, "string"])
        }
        for (const body of [{}, { country_code: "Germany" }, { country_code: "DE", reason: "x".repeat(501) }, { country_code: "DE", lift: true }]) {
          const res = await failure(api.post("/store/customers/me/residence", body, p.h))
          expect(res.status).toBe(400)
        }
        expect(await knex()("residence_change_lift").where({ customer_id: p.customer.id })).toHaveLength(0)
        const { data } = await api.get(`/admin/customers/${p.customer.id}/residence`, admin)
        expect(data.residence).toMatchObject({ country_code: "KR", change_allowed: true })
        expect(data.residence.changes).toHaveLength(1)
      })
    })

    describe("play time", () => {
      it("counts every one of ten parallel reports", async () => {
        const p = await player("US")
        await buy(p.h, world.id)
        const [entry] = (await api.get("/store/library", p.h)).data.library
        const reports = await Promise.all(
          Array.from({ length: 10 }, () => api.post(`/store/library/${entry.id}/play`, { minutes: 10 }, p.h))
        )
        const totals = reports.map((r) => r.data.entitlement.play_minutes).sort((a: number, b: number) => a - b)
        // Each answer is the total after its own report: ten different totals, the last one 100.
        expect(totals).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
        const after = (await api.get("/store/library", p.h)).data.library[0]
        expect(after).toMatchObject({ id: entry.id, play_minutes: 100, refund: { allowed: true } })
        await Promise.all(
          Array.from({ length: 3 }, () => api.post(`/store/library/${entry.id}/play`, { minutes: 10 }, p.h))
        )
        expect((await api.get("/store/library", p.h)).data.library[0]).toMatchObject({
          play_minutes: 130,
          refund: { allowed: false, reason: "played_too_long" },
        })
        const stranger = await player("US")
        expect((await failure(api.post(`/store/library/${entry.id}/play`, { minutes: 10 }, stranger.h))).status).toBe(404)
      })
    })
  },
})
