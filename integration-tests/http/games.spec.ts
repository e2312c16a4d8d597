import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, failure, seedForTests, signUpPlayer, storeHeaders } from "../helpers"
import { seedKstore } from "../../src/scripts/seed"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createGameWorkflow } from "../../src/workflows/game/create-game"
import { updateGameWorkflow } from "../../src/workflows/game/update-game"
import { GAME_MODULE } from "../../src/modules/game"

// Runs a game workflow as a step, then fails: every step of it must be compensated.
const failAfter = createStep("test-fail-after", async () => {
  throw new Error("injected failure")
})
const createThenFail = createWorkflow("test-create-game-then-fail", (input: any) => {
  const game = createGameWorkflow.runAsStep({ input })
  failAfter()
  return new WorkflowResponse(game)
})
const updateThenFail = createWorkflow("test-update-game-then-fail", (input: any) => {
  const game = updateGameWorkflow.runAsStep({ input })
  failAfter()
  return new WorkflowResponse(game)
})

jest.setTimeout(120 * 1000)

const newGame = {
  title: "Starlit Test Odyssey",
  prices: [
    { currency_code: "usd", amount: 29.99 },
    { currency_code: "krw", amount: 33000 },
    { currency_code: "eur", amount: 29.99 },
  ],
  genres: ["rpg", "adventure"],
  tags: ["story-rich"],
  developer: "Moonlit Owl",
  publisher: "Daybreak Digital",
  release_at: "2031-05-01T09:00:00Z",
  platforms: ["windows", "steamdeck"],
  age_rating: 12,
  service_countries: ["KR", "US"],
  download_asset: "kstore-assets://games/starlit/1.0.zip",
  preorder_enabled: true,
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: any

    beforeAll(async () => {
      const seeded = await seedForTests(getContainer(), 30)
      pk = seeded.publishable_key
    })
    beforeEach(async () => {
      admin = await adminHeaders(api)
    })

    const gameCount = async () => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "game", fields: ["id"] })
      const { data: products } = await query.graph({ entity: "product", fields: ["id"] })
      return { games: data.length, products: products.length }
    }

    describe("admin game CRUD", () => {
      it("creates a game as a product with details, linked and listed with its prices", async () => {
        const { status, data } = await api.post("/admin/games", newGame, admin)
        expect(status).toBe(201)
        expect(data.game).toMatchObject({
          title: "Starlit Test Odyssey",
          handle: "starlit-test-odyssey",
          genres: ["rpg", "adventure"],
          service_countries: ["KR", "US"],
          age_rating: 12,
          preorder_enabled: true,
          release_at: "2031-05-01T09:00:00.000Z",
        })
        expect(data.game.prices).toEqual(
          expect.arrayContaining([
            { currency_code: "usd", amount: 29.99 },
            { currency_code: "krw", amount: 33000 },
          ])
        )
        const { data: product } = await api.get(
          `/admin/products/${data.game.product_id}?fields=id,status,*variants,variants.manage_inventory,*game`,
          admin
        )
        expect(product.product.game.id).toBe(data.game.id)
        expect(product.product.status).toBe("published")
        expect(product.product.variants[0].manage_inventory).toBe(false)

        const { data: widget } = await api.get(`/admin/products/${data.game.product_id}/game`, admin)
        expect(widget.game.id).toBe(data.game.id)
      })

      it("reads, updates only the sent fields, reprices and deletes a game", async () => {
        const { data: created } = await api.post("/admin/games", newGame, admin)
        const id = created.game.id
        const { data: read } = await api.get(`/admin/games/${id}`, admin)
        expect(read.game.developer).toBe("Moonlit Owl")

        const { data: updated } = await api.post(
          `/admin/games/${id}`,
          { service_countries: ["jp"], prices: [{ currency_code: "jpy", amount: 4980 }] },
          admin
        )
        expect(updated.game.service_countries).toEqual(["JP"])
        expect(updated.game.tags).toEqual(["story-rich"])
        expect(updated.game.age_rating).toBe(12)
        expect(updated.game.prices).toEqual([{ currency_code: "jpy", amount: 4980 }])

        const { data: deleted } = await api.delete(`/admin/games/${id}`, admin)
        expect(deleted).toEqual({ id, object: "game", deleted: true })
        expect((await failure(api.get(`/admin/games/${id}`, admin))).status).toBe(404)
      })

      it("edits an existing product's game details through the widget route", async () => {
        const { data: product } = await api.post(
          "/admin/products",
          { title: "Plain Product", options: [{ title: "Edition", values: ["Standard"] }] },
          admin
        )
        const id = product.product.id
        expect((await api.get(`/admin/products/${id}/game`, admin)).data.game).toBeNull()
        const details = { ...newGame } as any
        delete details.title
        delete details.prices
        const { data: first } = await api.post(`/admin/products/${id}/game`, details, admin)
        expect(first.game.product_id).toBe(id)
        const { data: second } = await api.post(
          `/admin/products/${id}/game`,
          { ...details, developer: "Red Kite Software" },
          admin
        )
        expect(second.game.id).toBe(first.game.id)
        expect(second.game.developer).toBe("Red Kite Software")
      })

      it.each([
        ["unknown country code", { service_countries: ["XX"] }, /Unknown country code 'XX'/],
        ["negative price", { prices: [{ currency_code: "usd", amount: -1 }] }, /too small|negative/],
        ["malformed date", { release_at: "next tuesday" }, /ISO 8601/],
        ["currency the store does not sell", { prices: [{ currency_code: "chf", amount: 10 }] }, /chf/],
        ["duplicate handle", { handle: "__existing__" }, /already exists/],
      ])("refuses a %s with a 4xx and writes nothing", async (_name, patch: any, message) => {
        if (patch.handle === "__existing__") {
          const { data } = await api.get("/admin/games?limit=1", admin)
          patch = { handle: data.games[0].handle }
        }
        const before = await gameCount()
        const res = await failure(api.post("/admin/games", { ...newGame, ...patch }, admin))
        expect(res.status).toBeGreaterThanOrEqual(400)
        expect(res.status).toBeLessThan(500)
        expect(res.data.message).toMatch(message)
        expect(await gameCount()).toEqual(before)
      })

      it("answers 404 for an unknown game and 400 for a bad update, leaving the game unchanged", async () => {
        expect((await failure(api.get("/admin/games/game_nope", admin))).status).toBe(404)
        expect((await failure(api.post("/admin/games/game_nope", { developer: "X" }, admin))).status).toBe(404)
        const { data } = await api.get("/admin/games?limit=1", admin)
        const game = data.games[0]
        const res = await failure(
          api.post(`/admin/games/${game.id}`, { service_countries: ["KR", "ZZ"] }, admin)
        )
        expect(res.status).toBe(400)
        expect((await api.get(`/admin/games/${game.id}`, admin)).data.game.service_countries).toEqual(
          game.service_countries
        )
      })

      it("refuses admin routes without an admin login", async () => {
        expect((await failure(api.get("/admin/games"))).status).toBe(401)
      })
    })

    describe("game workflows compensate", () => {
      it("undoes product, game, link and listing when a later step fails after create", async () => {
        const before = await gameCount()
        const { errors } = await createThenFail(getContainer()).run({
          input: {
            title: "Doomed Game",
            prices: [{ currency_code: "usd", amount: 10 }],
            details: { ...newGame, release_at: new Date("2030-01-01"), title: undefined, prices: undefined },
          },
          throwOnError: false,
        })
        expect(errors[0].error.message).toContain("injected failure")
        expect(await gameCount()).toEqual(before)
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "product", fields: ["id"], filters: { handle: "doomed-game" } })
        expect(data).toHaveLength(0)
        const games = await getContainer().resolve<any>(GAME_MODULE).listGames({ handle: "doomed-game" }, { withDeleted: true })
        expect(games).toHaveLength(0)
      })

      it("restores the previous details when a later step fails after update", async () => {
        const { data } = await api.get("/admin/games?limit=1", admin)
        const game = data.games[0]
        const { errors } = await updateThenFail(getContainer()).run({
          input: {
            id: game.id,
            details: { developer: "Changed", service_countries: ["JP"] },
            prices: [{ currency_code: "usd", amount: 1 }],
          },
          throwOnError: false,
        })
        expect(errors).toHaveLength(1)
        const { data: after } = await api.get(`/admin/games/${game.id}`, admin)
        expect(after.game.developer).toBe(game.developer)
        expect(after.game.service_countries).toEqual(game.service_countries)
        expect(after.game.prices).toEqual(expect.arrayContaining(game.prices))
        expect(after.game.prices).toHaveLength(game.prices.length)
        const { data: product } = await api.get(`/admin/products/${game.product_id}?fields=*variants.prices`, admin)
        const usd = product.product.variants[0].prices.find((p: any) => p.currency_code === "usd")
        expect(usd.amount).toBe(game.prices.find((p: any) => p.currency_code === "usd").amount)
      })
    })

    describe("store game list", () => {
      const list = (qs: string, extra: Record<string, string> = {}) =>
        api.get(`/store/games?${qs}`, storeHeaders(pk, undefined, extra)).then((r: any) => r.data)

      it("pages through the catalog without gaps or repeats", async () => {
        const first = await list("limit=12&offset=0&order=title")
        const second = await list("limit=12&offset=12&order=title")
        const third = await list("limit=12&offset=24&order=title")
        expect(first.count).toBe(30)
        const ids = [...first.games, ...second.games, ...third.games].map((g: any) => g.id)
        expect(ids).toHaveLength(30)
        expect(new Set(ids).size).toBe(30)
        const titles = [...first.games, ...second.games, ...third.games].map((g: any) => g.title)
        expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
        const past = await list("limit=12&offset=60")
        expect(past).toMatchObject({ games: [], count: 30 })
      })

      it("filters by genre, tag, released/upcoming and service country", async () => {
        const all = (await list("limit=100")).games
        const rpg = await list("genre=rpg&limit=100")
        expect(rpg.count).toBe(all.filter((g: any) => g.genres.includes("rpg")).length)
        expect(rpg.games.every((g: any) => g.genres.includes("rpg"))).toBe(true)

        const tag = all[0].tags[0]
        const tagged = await list(`tag=${tag}&limit=100`)
        expect(tagged.count).toBe(all.filter((g: any) => g.tags.includes(tag)).length)

        const upcoming = await list("status=upcoming&limit=100")
        const released = await list("status=released&limit=100")
        expect(upcoming.count + released.count).toBe(30)
        expect(upcoming.count).toBeGreaterThan(0)
        expect(upcoming.games.every((g: any) => !g.released && new Date(g.release_at) > new Date())).toBe(true)
        expect(released.games.every((g: any) => g.released)).toBe(true)

        const kr = await list("country=kr&limit=100")
        expect(kr.count).toBe(all.filter((g: any) => g.service_countries.includes("KR")).length)
        expect(kr.count).toBeLessThan(30)
      })

      it("lists the catalog's genres and tags with how many games carry each, for a country too", async () => {
        const all = (await list("limit=100")).games
        const { data } = await api.get("/store/game-filters", storeHeaders(pk))
        const genre = all[0].genres[0]
        expect(data.genres.find((g: any) => g.value === genre).count).toBe(all.filter((g: any) => g.genres.includes(genre)).length)
        const tagUses = all.reduce((n: number, g: any) => n + g.tags.length, 0)
        expect(data.tags.reduce((n: number, t: any) => n + t.count, 0)).toBe(tagUses)
        const counts = data.genres.map((g: any) => g.count)
        expect(counts).toEqual([...counts].sort((a, b) => b - a))
        const kr = (await api.get("/store/game-filters?country=kr", storeHeaders(pk))).data
        const sold = all.filter((g: any) => g.service_countries.includes("KR"))
        expect(kr.genres.reduce((n: number, g: any) => n + g.count, 0)).toBe(sold.reduce((n: number, g: any) => n + g.genres.length, 0))
        for (const qs of ["country=zz", "genre=rpg", "country=kr%00"]) {
          expect((await api.get(`/store/game-filters?${qs}`, storeHeaders(pk)).catch((e: any) => e.response)).status).toBe(400)
        }
      })

      it("prices in the caller's region and filters and sorts by that price", async () => {
        const krw = await list("country_code=KR&order=price&limit=100")
        expect(krw.region.currency_code).toBe("krw")
        const amounts = krw.games.map((g: any) => g.price.amount)
        expect(amounts).toEqual([...amounts].sort((a, b) => a - b))
        expect(krw.games.every((g: any) => g.price.currency_code === "krw")).toBe(true)

        const ranged = await list("country_code=KR&price_min=20000&price_max=40000&limit=100")
        expect(ranged.count).toBe(amounts.filter((a: number) => a >= 20000 && a <= 40000).length)
        expect(ranged.games.every((g: any) => g.price.amount >= 20000 && g.price.amount <= 40000)).toBe(true)

        const eur = await list("country_code=NL&limit=1&order=-price")
        expect(eur.region).toMatchObject({ name: "Europe", currency_code: "eur" })
        const usd = await list("limit=1")
        expect(usd.region.currency_code).toBe("usd")
      })

      it("uses the IP only as a region hint", async () => {
        const hinted = await list("limit=1", { "x-forwarded-for": "211.234.10.20" })
        const { data: hint } = await api.get("/store/region-hint", storeHeaders(pk, undefined, { "x-forwarded-for": "211.234.10.20" }))
        expect(hint).toMatchObject({ country_code: "KR", source: "ip", region: { currency_code: "krw" } })
        expect(hinted.region.currency_code).toBe("krw")
        const { data: local } = await api.get("/store/region-hint", storeHeaders(pk))
        expect(local).toMatchObject({ country_code: null, region: null, source: "none" })
      })

      it("rejects bad list queries with 400", async () => {
        for (const qs of ["country=XX", "price_min=-1", "order=rating", "limit=0", "status=soon", "price_min=9&price_max=1", "colour=red"]) {
          const res = await failure(api.get(`/store/games?${qs}`, storeHeaders(pk)))
          expect([qs, res.status]).toEqual([qs, 400])
          expect(res.data.message).toBeTruthy()
        }
      })

      it("requires a publishable key", async () => {
        expect((await failure(api.get("/store/games"))).status).toBe(400)
      })
    })

    describe("store game page", () => {
      it("prices the game with Medusa's pricing in the caller's region and tells whether they may buy it", async () => {
        const { data: created } = await api.post("/admin/games", { ...newGame, release_at: "2020-01-01" }, admin)
        const handle = created.game.handle

        const { data: anon } = await api.get(`/store/games/${handle}?country_code=KR`, storeHeaders(pk))
        expect(anon.game.price).toMatchObject({ amount: 33000, currency_code: "krw" })
        expect(anon.game.purchase).toEqual({ allowed: false, reason: "login_required", preorder: false })

        const kr = await signUpPlayer(api, pk, "kr-buyer@example.com", "KR")
        const { data: krView } = await api.get(`/store/games/${created.game.id}`, storeHeaders(pk, kr.token))
        expect(krView.residence_country).toBe("KR")
        expect(krView.region.currency_code).toBe("krw")
        expect(krView.game.purchase).toEqual({ allowed: true, reason: null, preorder: false })

        const de = await signUpPlayer(api, pk, "de-buyer@example.com", "DE")
        const { data: deView } = await api.get(`/store/games/${handle}`, storeHeaders(pk, de.token))
        expect(deView.game.price).toMatchObject({ amount: 29.99, currency_code: "eur" })
        expect(deView.game.purchase).toMatchObject({ allowed: false, reason: "country_not_served" })
      })

      it("answers 404 for an unknown game", async () => {
        const res = await failure(api.get("/store/games/no-such-game", storeHeaders(pk)))
        expect(res.status).toBe(404)
        expect(res.data.message).toContain("no-such-game")
      })
    })

    describe("seed", () => {
      it("is idempotent: a second run creates nothing and keeps every count", async () => {
        const before = await gameCount()
        const again = await seedKstore(getContainer(), { games: 30 })
        expect(again.games).toEqual({ total: 30, created: 0 })
        expect(again.customers.created).toBe(0)
        expect(again.publishable_key).toBe(pk)
        expect(await gameCount()).toEqual(before)
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: regions } = await query.graph({ entity: "region", fields: ["name", "currency_code"] })
        expect(regions.map((r: any) => r.currency_code).sort()).toEqual(["brl", "eur", "gbp", "jpy", "krw", "usd"])
      })

      it("completes a game whose product an interrupted run left behind", async () => {
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "game", fields: ["id", "product_id"], pagination: { take: 1 } })
        await api.delete(`/admin/games/${data[0].id}`, admin)
        const again = await seedKstore(getContainer(), { games: 30 })
        expect(again.games.created).toBe(1)
        const { data: games } = await query.graph({ entity: "game", fields: ["id"], filters: { product_id: data[0].product_id } })
        expect(games).toHaveLength(1)
      })
    })
  },
})
