import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, createGame, failure, seedForTests, signUpPlayer, storeHeaders, eventually, searchIndexReady } from "../helpers"

jest.setTimeout(240 * 1000)



const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: any

    beforeAll(async () => {
      await searchIndexReady(getContainer())
      pk = (await seedForTests(getContainer(), 0)).publishable_key
    })
    beforeEach(async () => {
      admin = await adminHeaders(api)
    })

    const get = (path: string, token?: string): Promise<any> => api.get(path, storeHeaders(pk, token))
    const page = (key: string, qs = "country_code=US", token?: string) => get(`/store/games/${key}?${qs}`, token)
    const listed = async (id: string, qs = "country_code=US&limit=100") =>
      (await get(`/store/games?${qs}`)).data.games.find((g: any) => g.id === id) ?? null
    // Until the game's own trailing events (Medusa's product events re-sync it) have cleared its
    // entries, a read may miss; this reads until one is served from the cache.
    const cachedPage = (key: string, qs?: string) => eventually(() => page(key, qs), (r) => r.headers["x-cache"] === "hit")
    const released = async (title: string, usd = 20, extra: Record<string, unknown> = {}) => {
      const game = await createGame(api, admin, {
        title,
        release_in_days: -10,
        service_countries: ["US", "KR"],
        prices: [
          { currency_code: "usd", amount: usd },
          { currency_code: "krw", amount: usd * 1000 },
        ],
        ...extra,
      })
      // Medusa's product events of the new game arrive after its creation and clear its entries
      // once more; the tests start when a read stays served from the cache.
      await cachedPage(game.handle)
      await sleep(500)
      await cachedPage(game.handle)
      return game
    }

    it("serves the second read of the list, the page and a search from the cache", async () => {
      const game = await released("Cache Hit Quest")
      const first = await get("/store/games?country_code=US&limit=50")
      const second = await get("/store/games?country_code=US&limit=50")
      expect([first.headers["x-cache"], second.headers["x-cache"]]).toEqual(["miss", "hit"])
      expect(second.data).toEqual(first.data)

      // By id is another entry than by handle, with the same answer.
      expect((await page(game.id)).headers["x-cache"]).toBe("miss")
      const hit = await page(game.id)
      expect(hit.headers["x-cache"]).toBe("hit")
      expect(hit.data.game.price).toMatchObject({ amount: 20, currency_code: "usd" })

      const found = await eventually(() => get("/store/search?q=cache%20hit&country_code=US"), (r) => r.data.total === 1)
      const again = await get("/store/search?q=cache%20hit&country_code=US")
      expect(again.headers["x-cache"]).toBe("hit")
      expect(again.data).toEqual(found.data)

      // Other parameters are other entries.
      expect((await get("/store/games?country_code=US&limit=49")).headers["x-cache"]).toBe("miss")
    })

    it("shows a price changed through the admin game route on the very next read", async () => {
      const game = await released("Reprice Saga", 30)
      await cachedPage(game.handle)
      await eventually(() => get("/store/games?country_code=US&limit=100"), (r) => r.headers["x-cache"] === "hit")
      await api.post(`/admin/games/${game.id}`, { prices: [{ currency_code: "usd", amount: 25 }] }, admin)
      expect((await page(game.handle)).data.game.price).toMatchObject({ amount: 25 })
      expect((await listed(game.id)).price).toEqual({ amount: 25, currency_code: "usd" })
    })

    it("shows a price changed through Medusa's variant route on the very next page read", async () => {
      const game = await released("Variant Price Run", 40)
      expect((await cachedPage(game.handle)).data.game.price).toMatchObject({ amount: 40 })
      await api.post(
        `/admin/products/${game.product_id}/variants/${game.variant_id}`,
        { prices: [{ currency_code: "usd", amount: 35 }, { currency_code: "krw", amount: 40000 }] },
        admin
      )
      expect((await page(game.handle)).data.game.price).toMatchObject({ amount: 35 })
      // The list reads the game read model, which Medusa's variant event updates just after.
      await eventually(() => listed(game.id), (g) => g?.price?.amount === 35)
    })

    it("starts and ends a sale price list on the very next read, and never outlives its window", async () => {
      const game = await released("Sale Window Tale", 50)
      await cachedPage(game.handle)
      const { data: list } = await api.post(
        "/admin/price-lists",
        {
          title: "Flash sale",
          description: "cache test",
          type: "sale",
          status: "active",
          prices: [{ variant_id: game.variant_id, currency_code: "usd", amount: 10 }],
        },
        admin
      )
      const onSale = (await page(game.handle)).data.game.price
      expect(onSale).toMatchObject({ amount: 10, original_amount: 50, price_list_type: "sale" })
      expect((await cachedPage(game.handle)).data.game.price).toEqual(onSale)

      // Medusa emits no event for this edit: the admin route itself clears the catalog.
      await api.post(`/admin/price-lists/${list.price_list.id}`, { ends_at: new Date(Date.now() - 1000).toISOString() }, admin)
      expect((await page(game.handle)).data.game.price).toMatchObject({ amount: 50, price_list_type: null })

      // A sale starting in a few seconds: the base price cached now expires before it starts.
      const startsAt = Date.now() + 5000
      await api.post(
        "/admin/price-lists",
        {
          title: "Timed sale",
          description: "cache test",
          type: "sale",
          status: "active",
          starts_at: new Date(startsAt).toISOString(),
          prices: [{ variant_id: game.variant_id, currency_code: "usd", amount: 15 }],
        },
        admin
      )
      expect((await page(game.handle)).data.game.price).toMatchObject({ amount: 50 })
      expect((await cachedPage(game.handle)).data.game.price).toMatchObject({ amount: 50 })
      await sleep(startsAt - Date.now() + 200)
      expect((await page(game.handle)).data.game.price).toMatchObject({ amount: 15, price_list_type: "sale" })
    })

    it("drops an unpublished or deleted game from the list, its page and search", async () => {
      const hidden = await released("Vanishing Draft")
      const gone = await released("Deleted Odyssey")
      for (const g of [hidden, gone]) {
        await page(g.handle)
        await listed(g.id)
        await eventually(() => get(`/store/search?q=${encodeURIComponent(g.title)}&country_code=US`), (r) => r.data.total === 1)
      }

      // Unpublished through Medusa's product route: the read model follows its event.
      await api.post(`/admin/products/${hidden.product_id}`, { status: "draft" }, admin)
      await eventually(() => listed(hidden.id), (g) => g === null)
      expect((await failure(page(hidden.handle))).status).toBe(404)
      await eventually(() => get("/store/search?q=vanishing&country_code=US"), (r) => r.data.total === 0)
      expect((await get("/store/search?q=vanishing&country_code=US")).data.total).toBe(0)

      // Deleted through the admin game route: gone on the very next read.
      await api.delete(`/admin/games/${gone.id}`, admin)
      expect(await listed(gone.id)).toBeNull()
      expect((await failure(page(gone.handle))).status).toBe(404)
      await eventually(() => get("/store/search?q=deleted%20odyssey&country_code=US"), (r) => r.data.total === 0)
      expect((await get("/store/search?q=deleted%20odyssey&country_code=US")).data.total).toBe(0)
    })

    it("keeps regions and currencies apart", async () => {
      const game = await released("Two Regions Road", 12)
      const us = await page(game.handle, "country_code=US")
      const kr = await page(game.handle, "country_code=KR")
      expect(kr.headers["x-cache"]).toBe("miss")
      expect(us.data.game.price).toMatchObject({ amount: 12, currency_code: "usd" })
      expect(kr.data.game.price).toMatchObject({ amount: 12000, currency_code: "krw" })
      expect((await page(game.handle, "country_code=KR")).data.game.price.currency_code).toBe("krw")
      expect((await listed(game.id, "country_code=KR&limit=100")).price).toEqual({ amount: 12000, currency_code: "krw" })
      expect((await listed(game.id, "country_code=US&limit=100")).price).toEqual({ amount: 12, currency_code: "usd" })
    })

    it("never hands one player's view to another", async () => {
      const game = await released("Only In Korea", 8, { service_countries: ["KR"] })
      const kr = await signUpPlayer(api, pk, "cache-kr@example.com", "KR")
      const us = await signUpPlayer(api, pk, "cache-us@example.com", "US")
      const region = (await get("/store/games?country_code=KR&limit=1")).data.region.id
      const qs = `region_id=${region}`
      const krView = (await page(game.handle, qs, kr.token)).data
      const usView = await page(game.handle, qs, us.token)
      expect(usView.headers["x-cache"]).toBe("hit") // the shared part is shared …
      expect(krView.residence_country).toBe("KR")
      expect(krView.game.purchase).toMatchObject({ allowed: true })
      expect(usView.data.residence_country).toBe("US") // … the player's part is not
      expect(usView.data.game.purchase).toMatchObject({ allowed: false, reason: "country_not_served" })
      const anon = (await page(game.handle, qs)).data
      expect(anon.residence_country).toBeNull()
      expect(anon.game.purchase).toMatchObject({ reason: "login_required" })

      const inList = async (token: string) =>
        (await get(`/store/games?${qs}&limit=100`, token)).data.games.find((g: any) => g.id === game.id)
      expect((await inList(kr.token)).available_in_residence).toBe(true)
      expect((await inList(us.token)).available_in_residence).toBe(false)
    })
  },
})
