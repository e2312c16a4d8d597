import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { SearchTypes } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { adminHeaders, createGame, failure, seedForTests, storeHeaders, eventually, searchIndexReady } from "../helpers"
import refreshSaleFlagsJob from "../../src/jobs/refresh-sale-flags"
import { findGameDrift } from "../../src/search/maintenance/drift"
import { progressBar, reindexGames, type ReindexProgress } from "../../src/search/maintenance/reindex"

jest.setTimeout(240 * 1000)



const FIXTURES = {
  witcher: {
    title: "The Witcher 3: Wild Hunt",
    title_ko: "더 위쳐 3: 와일드 헌트",
    title_ja: "ウィッチャー3 ワイルドハント",
    genres: ["rpg", "adventure"],
    tags: ["open-world", "story-rich"],
    service_countries: ["KR", "US", "JP"],
    release_in_days: -400,
    prices: [
      { currency_code: "usd", amount: 39.99 },
      { currency_code: "krw", amount: 44000 },
      { currency_code: "jpy", amount: 4980 },
    ],
  },
  doom: {
    title: "Doom Eternal",
    genres: ["shooter", "action"],
    tags: ["singleplayer"],
    service_countries: ["KR", "US"],
    release_in_days: -200,
    prices: [
      { currency_code: "usd", amount: 19.99 },
      { currency_code: "krw", amount: 22000 },
    ],
  },
  neon: {
    title: "Neon Strike",
    genres: ["action"],
    tags: ["fps", "multiplayer"],
    service_countries: ["KR", "US"],
    release_in_days: -30,
    prices: [
      { currency_code: "usd", amount: 9.99 },
      { currency_code: "krw", amount: 11000 },
    ],
  },
  seoul: {
    title: "Seoul Nights",
    genres: ["visual-novel"],
    tags: ["story-rich"],
    service_countries: ["KR"],
    release_in_days: 60,
    prices: [
      { currency_code: "usd", amount: 12.99 },
      { currency_code: "krw", amount: 15000 },
    ],
  },
  starfield: {
    title: "Starlit Colony",
    genres: ["role-playing"],
    tags: ["sci-fi"],
    service_countries: ["US"],
    release_in_days: 90,
    prices: [{ currency_code: "usd", amount: 59.99 }],
  },
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: any
    const ids: Record<string, string> = {}

    const search = async (params: Record<string, string>) =>
      (await api.get(`/store/search?${new URLSearchParams(params)}`, storeHeaders(pk))).data
    const suggest = async (params: Record<string, string>) =>
      (await api.get(`/store/search/suggest?${new URLSearchParams(params)}`, storeHeaders(pk))).data
    const titles = (body: any) => body.hits.map((h: any) => h.title).sort()

    beforeAll(async () => {
      await searchIndexReady(getContainer())
      const seeded = await seedForTests(getContainer(), 0)
      pk = seeded.publishable_key
      admin = await adminHeaders(api)
      for (const [key, game] of Object.entries(FIXTURES)) ids[key] = (await createGame(api, admin, game)).id
      // Indexed through game.listing_changed, not written by the test.
      await eventually(() => search({ country_code: "US", limit: "50" }), (b) => b.total === 4)
    })
    beforeEach(async () => {
      admin = await adminHeaders(api)
    })

    it("finds a game by title with its price in the region's currency, facets and total", async () => {
      const body = await search({ q: "witcher", country_code: "KR" })
      expect(body.total).toBe(1)
      expect(body.hits).toEqual([
        expect.objectContaining({
          id: ids.witcher,
          title: "The Witcher 3: Wild Hunt",
          title_ko: "더 위쳐 3: 와일드 헌트",
          genres: ["rpg", "adventure"],
          released: true,
          on_sale: false,
          preorder_enabled: false,
          service_countries: ["KR", "US", "JP"],
          price: { amount: 44000, currency_code: "krw" },
        }),
      ])
      expect(body.facets.genre).toEqual(
        expect.arrayContaining([
          { value: "rpg", count: 1 },
          { value: "adventure", count: 1 },
        ])
      )
      expect(body.region.currency_code).toBe("krw")
      expect(body.country).toBe("KR")
    })

    it("offers only games sold in the caller's country", async () => {
      expect(titles(await search({ country_code: "KR", limit: "50" }))).toEqual([
        "Doom Eternal",
        "Neon Strike",
        "Seoul Nights",
        "The Witcher 3: Wild Hunt",
      ])
      expect(titles(await search({ country_code: "US", limit: "50" }))).toEqual([
        "Doom Eternal",
        "Neon Strike",
        "Starlit Colony",
        "The Witcher 3: Wild Hunt",
      ])
      // Japan sells one of them; a JP visitor sees it priced in yen.
      const jp = await search({ country_code: "JP" })
      expect(jp.hits.map((h: any) => [h.title, h.price])).toEqual([["The Witcher 3: Wild Hunt", { amount: 4980, currency_code: "jpy" }]])
    })

    it("treats rpg and role-playing, fps and shooter as the same word", async () => {
      expect(titles(await search({ q: "rpg", country_code: "US" }))).toEqual(["Starlit Colony", "The Witcher 3: Wild Hunt"])
      expect(titles(await search({ q: "role-playing", country_code: "US" }))).toEqual(["Starlit Colony", "The Witcher 3: Wild Hunt"])
      expect(titles(await search({ q: "fps", country_code: "US" }))).toEqual(["Doom Eternal", "Neon Strike"])
      expect(titles(await search({ q: "shooter", country_code: "US" }))).toEqual(["Doom Eternal", "Neon Strike"])
    })

    it("tolerates typos", async () => {
      expect(titles(await search({ q: "wticher", country_code: "US" }))).toEqual(["The Witcher 3: Wild Hunt"])
      expect(titles(await search({ q: "eternl", country_code: "US" }))).toEqual(["Doom Eternal"])
    })

    it("matches Korean and Japanese titles", async () => {
      expect(titles(await search({ q: "위쳐", country_code: "KR" }))).toEqual(["The Witcher 3: Wild Hunt"])
      expect(titles(await search({ q: "ワイルド", country_code: "JP" }))).toEqual(["The Witcher 3: Wild Hunt"])
    })

    it("filters by genre, tag, status and the region's price, sorts by price, counts genres disjunctively", async () => {
      const cheap = await search({ country_code: "KR", price_max: "30000", sort: "price" })
      expect(cheap.hits.map((h: any) => [h.title, h.price.amount])).toEqual([
        ["Neon Strike", 11000],
        ["Seoul Nights", 15000],
        ["Doom Eternal", 22000],
      ])
      const usd = await search({ country_code: "US", price_min: "15", price_max: "40", sort: "-price" })
      expect(usd.hits.map((h: any) => h.title)).toEqual(["The Witcher 3: Wild Hunt", "Doom Eternal"])

      expect(titles(await search({ country_code: "KR", status: "upcoming" }))).toEqual(["Seoul Nights"])
      expect(titles(await search({ country_code: "KR", tag: "story-rich" }))).toEqual(["Seoul Nights", "The Witcher 3: Wild Hunt"])

      const action = await search({ country_code: "KR", genre: "action" })
      expect(titles(action)).toEqual(["Doom Eternal", "Neon Strike"])
      // The genre facet ignores the genre filter, so sibling genres keep their counts.
      expect(action.facets.genre).toEqual(
        expect.arrayContaining([
          { value: "action", count: 2 },
          { value: "rpg", count: 1 },
          { value: "visual-novel", count: 1 },
        ])
      )
      expect(action.facets.tag).toEqual(expect.arrayContaining([{ value: "fps", count: 1 }]))
      expect(action.facets.tag.find((t: any) => t.value === "open-world")).toBeUndefined()
    })

    it("suggests titles by prefix with the typed part marked", async () => {
      const body = await suggest({ q: "wit", country_code: "US" })
      expect(body.suggestions).toEqual([
        expect.objectContaining({
          id: ids.witcher,
          matched_field: "title",
          highlight: "The <mark>Wit</mark>cher 3: Wild Hunt",
          matches: [{ start: 4, end: 7 }],
          released: true,
          price: { amount: 39.99, currency_code: "usd" },
        }),
      ])
      const two = await suggest({ q: "witcher wi", country_code: "US" })
      expect(two.suggestions[0].highlight).toBe("The <mark>Witcher</mark> 3: <mark>Wi</mark>ld Hunt")
      const ko = await suggest({ q: "위쳐", country_code: "KR" })
      expect(ko.suggestions[0]).toMatchObject({ matched_field: "title_ko", highlight: "더 <mark>위쳐</mark> 3: 와일드 헌트" })
      expect((await suggest({ q: "seoul", country_code: "US" })).suggestions).toEqual([])
    })

    it("follows the catalog: create, product title and price edits, delete", async () => {
      const created = await createGame(api, admin, {
        title: "Quantum Tide",
        genres: ["puzzle"],
        service_countries: ["US"],
        release_in_days: -1,
        prices: [{ currency_code: "usd", amount: 14.99 }],
      })
      await eventually(() => search({ q: "quantum", country_code: "US" }), (b) => b.total === 1)

      await api.post(`/admin/products/${created.product_id}`, { title: "Quantum Surge" }, admin)
      const renamed = await eventually(() => search({ q: "surge", country_code: "US" }), (b) => b.total === 1)
      expect(renamed.hits[0].id).toBe(created.id)

      // Medusa's own price editor: a variant update, reaching the index through the listing sync.
      await api.post(
        `/admin/products/${created.product_id}/variants/${created.variant_id}`,
        { prices: [{ currency_code: "usd", amount: 4.99 }] },
        admin
      )
      await eventually(
        () => search({ q: "surge", country_code: "US" }),
        (b) => b.hits[0]?.price?.amount === 4.99
      )
      expect((await search({ country_code: "US", price_max: "5" })).hits.map((h: any) => h.title)).toEqual(["Quantum Surge"])

      await api.delete(`/admin/games/${created.id}`, admin)
      await eventually(() => search({ q: "surge", country_code: "US" }), (b) => b.total === 0)

      // Deleting the product (Medusa's own route) takes its game off sale, and out of the index.
      const neon = (await api.get(`/admin/games/${ids.neon}`, admin)).data.game
      await api.delete(`/admin/products/${neon.product_id}`, admin)
      await eventually(() => search({ q: "neon", country_code: "US" }), (b) => b.total === 0)
    })

    it("marks a game on sale once a sale price list prices it", async () => {
      const { data } = await api.get(`/admin/games/${ids.doom}`, admin)
      const { data: list } = await api.post(
        "/admin/price-lists",
        {
          title: "Summer sale",
          description: "Half off",
          type: "sale",
          status: "active",
          prices: [{ variant_id: data.game.variant_id, currency_code: "usd", amount: 9.99 }],
        },
        admin
      )
      // Medusa's pricing events (price list created) re-sync the games it prices.
      const body = await eventually(() => search({ country_code: "US", on_sale: "true" }), (b) => b.total === 1)
      expect(body.hits[0].title).toBe("Doom Eternal")
      // The indexed price is the sale's: it filters and sorts at what the player pays now.
      expect(body.hits[0].price).toEqual({ amount: 9.99, currency_code: "usd" })
      expect((await search({ country_code: "US", price_max: "10" })).hits.map((h: any) => h.title)).toContain("Doom Eternal")
      // Ending the sale: Medusa emits no event for a price list edit, the minutely job finds it.
      await api.post(`/admin/price-lists/${list.price_list.id}`, { ends_at: new Date(Date.now() - 1000).toISOString() }, admin)
      await refreshSaleFlagsJob(getContainer())
      await eventually(() => search({ country_code: "US", on_sale: "true" }), (b) => b.total === 0)
      const after = await search({ q: "doom", country_code: "US" })
      expect(after.hits[0].price).toEqual({ amount: 19.99, currency_code: "usd" })
    })

    it("reports drift between the index and the database, and a reindex mends it with progress", async () => {
      const container = getContainer()
      const engine = container.resolve<SearchTypes.ISearchModuleService>(Modules.SEARCH)
      expect(await findGameDrift(container)).toEqual([])
      const [doom] = (await search({ q: "doom", country_code: "US" })).hits
      // Three ways an index goes wrong behind the store's back: a lost, a foreign and a stale document.
      await engine.deleteDocuments({ index: "game", filters: { id: [ids.witcher] } })
      await engine.upsertDocuments({
        index: "game",
        documents: [{ id: "game_gone", title: "Gone Game", handle: "gone", genres: [], tags: [], service_countries: ["US"], release_at: new Date().toISOString() }],
      })
      const stored = (await engine.search({ entity: "game", filters: { id: [ids.doom] } })).hits[0].document as { id: string }
      await engine.upsertDocuments({ index: "game", documents: [{ ...stored, price_usd: 1, title: "Doom Eternul" }] })

      const drift = await findGameDrift(container)
      expect(drift).toEqual(
        expect.arrayContaining([
          { id: ids.witcher, kind: "missing" },
          { id: "game_gone", kind: "stale" },
          { id: ids.doom, kind: "changed", fields: expect.arrayContaining(["title", "price_usd"]) },
        ])
      )
      expect(drift).toHaveLength(3)

      const seen: ReindexProgress[] = []
      const total = Object.keys(FIXTURES).length
      expect(await reindexGames(container, (p) => seen.push(p))).toEqual({ indexed: total, removed: 1 })
      expect(seen[0]).toEqual({ done: 0, total })
      expect(seen[seen.length - 1]).toEqual({ done: total, total })
      expect(progressBar({ done: 2, total: 4 }, 10)).toBe("[#####.....] 2/4 50%")
      expect(await findGameDrift(container)).toEqual([])
      expect((await search({ q: "doom", country_code: "US" })).hits[0]).toEqual(doom)
      expect(titles(await search({ q: "witcher", country_code: "US" }))).toEqual(["The Witcher 3: Wild Hunt"])
    })

    it("answers bad input with a 400, never a 5xx", async () => {
      const bad = [
        "/store/search?q=%00",
        `/store/search?q=${"x".repeat(101)}`,
        "/store/search?sort=popularity",
        "/store/search?on_sale=maybe",
        "/store/search?price_min=10&price_max=1",
        "/store/search?limit=1000",
        "/store/search?colour=red",
        "/store/search/suggest",
        "/store/search/suggest?q=%00",
        `/store/search/suggest?q=${"y".repeat(101)}`,
      ]
      for (const url of bad) {
        const res = await failure(api.get(url, storeHeaders(pk)))
        expect([url, res.status]).toEqual([url, 400])
      }
    })
  },
})
