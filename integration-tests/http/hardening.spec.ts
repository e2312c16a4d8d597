import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { adminHeaders, createGame, failure, gameBody, seedForTests, signUpPlayer, storeHeaders } from "../helpers"
import { POINTS_MODULE } from "../../src/modules/points"
import type PointsModuleService from "../../src/modules/points/service"
import { REGION_POLICY_MODULE } from "../../src/modules/region-policy"
import type RegionPolicyModuleService from "../../src/modules/region-policy/service"

jest.setTimeout(180 * 1000)

const NUL = "\u0000"
const LONE_SURROGATE = "\ud800"
const CARD = { method: "card", account: "4242424242424242" }
const prices = [
  { currency_code: "krw", amount: 22000 },
  { currency_code: "usd", amount: 19.99 },
  { currency_code: "eur", amount: 19.99 },
]

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: any
    let game: any
    let keyNo = 0
    const key = () => ({ "idempotency-key": `hardening-${++keyNo}-${Date.now()}` })
    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const count = async (entity: string, filters: Record<string, unknown> = {}) =>
      (await query().graph({ entity, fields: ["id"], filters })).data.length

    beforeAll(async () => {
      pk = (await seedForTests(getContainer(), 3)).publishable_key
      admin = await adminHeaders(api)
      game = await createGame(api, admin, {
        title: "Hardened Harbor",
        prices,
        service_countries: ["KR", "US", "DE"],
        release_in_days: -10,
      })
    })

    /** A refusal of a character PostgreSQL cannot store: 400, with the field's path in the message. */
    const expectRefused = async (call: Promise<any>, path: string) => {
      const res = await failure(call)
      expect([res.status, res.data.type, res.data.code]).toEqual([400, "invalid_data", "invalid_characters"])
      expect(res.data.message).toContain(path)
      return res
    }

    describe("characters PostgreSQL cannot store", () => {
      it("refuses a NUL in the sign-up and creates no customer", async () => {
        const email = "nul.signup@example.com"
        const { data: reg } = await api.post("/auth/customer/emailpass/register", { email, password: "player-pass-1" })
        await expectRefused(
          api.post(
            "/store/accounts",
            { email, first_name: `Min${NUL}ji`, residence_country: "KR" },
            storeHeaders(pk, reg.token)
          ),
          "first_name"
        )
        // A lone UTF-16 surrogate cannot be stored as UTF-8 either.
        await expectRefused(
          api.post(
            "/store/accounts",
            { email, last_name: `Kim${LONE_SURROGATE}`, residence_country: "KR" },
            storeHeaders(pk, reg.token)
          ),
          "last_name"
        )
        expect(await count("customer", { email })).toBe(0)
        // The same sign-up without it goes through.
        const { data } = await api.post(
          "/store/accounts",
          { email, first_name: "Minji", residence_country: "KR" },
          storeHeaders(pk, reg.token)
        )
        expect(data.customer).toMatchObject({ email, residence_country: "KR" })
      })

      it("refuses a NUL in a residence change reason and changes nothing", async () => {
        const { customer, token } = await signUpPlayer(api, pk, "nul.residence@example.com", "KR")
        await expectRefused(
          api.post(
            "/store/customers/me/residence",
            { country_code: "JP", reason: `moved${NUL}` },
            storeHeaders(pk, token)
          ),
          "reason"
        )
        const policy = getContainer().resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
        expect(await policy.getResidenceCountry(customer.id)).toBe("KR")
        expect(await policy.listResidenceChanges({ customer_id: customer.id })).toHaveLength(1)
      })

      it.each(["title", "developer", "publisher", "download_asset"])(
        "refuses a NUL in an admin game's %s and creates nothing",
        async (field) => {
          const before = { games: await count("game"), products: await count("product") }
          const body = gameBody({ title: "Null Byte Saga", prices, service_countries: ["KR"] })
          await expectRefused(api.post("/admin/games", { ...body, [field]: `bad${NUL}value` }, admin), field)
          expect({ games: await count("game"), products: await count("product") }).toEqual(before)
        }
      )

      it("refuses a NUL in a game's tags and in an update, leaving the game unchanged", async () => {
        await expectRefused(api.post(`/admin/games/${game.id}`, { tags: ["ok", `x${NUL}`] }, admin), "tags[1]")
        await expectRefused(api.post(`/admin/games/${game.id}`, { developer: `Dev${NUL}` }, admin), "developer")
        const { data } = await api.get(`/admin/games/${game.id}`, admin)
        expect(data.game.developer).toBe("Dev")
      })

      it("refuses a NUL in a points adjustment reason and posts nothing", async () => {
        const { customer } = await signUpPlayer(api, pk, "nul.points@example.com", "KR")
        await expectRefused(
          api.post(
            `/admin/customers/${customer.id}/points/adjustments`,
            { points: 100, reason: `goodwill${NUL}` },
            { headers: { ...admin.headers, ...key() } }
          ),
          "reason"
        )
        const points = getContainer().resolve<PointsModuleService>(POINTS_MODULE)
        expect(await points.listPointsEntries({ customer_id: customer.id })).toHaveLength(0)
        expect(await points.getBalance(customer.id)).toBe(0)
      })

      it("refuses a NUL in an earn rate's region and sets no rate", async () => {
        const points = getContainer().resolve<PointsModuleService>(POINTS_MODULE)
        const before = await points.listPointsEarnRates({})
        await expectRefused(api.post("/admin/points/earn-rates", { region_id: `reg_${NUL}`, rate: 0.1 }, admin), "region_id")
        expect(await points.listPointsEarnRates({})).toEqual(before)
      })

      it.each([
        ["payment.method", { game_ids: ["GAME"], payment: { ...CARD, method: `card${NUL}` } }],
        ["payment.account", { game_ids: ["GAME"], payment: { ...CARD, account: `4242${NUL}` } }],
        ["payment.authentication", { game_ids: ["GAME"], payment: { ...CARD, authentication: `ok${NUL}` } }],
        ["payment.provider_id", { game_ids: ["GAME"], payment: { ...CARD, provider_id: `pp${NUL}` } }],
        ["promo_codes[0]", { game_ids: ["GAME"], promo_codes: [`TEN${NUL}`], payment: CARD }],
        ["game_ids[0]", { game_ids: [`game_${NUL}`], payment: CARD }],
        ["cart_id", { cart_id: `cart_${NUL}`, payment: CARD }],
      ])("refuses a NUL in a purchase's %s and starts no purchase", async (path, body: any) => {
        const { token } = await signUpPlayer(api, pk, `nul.purchase.${path.replace(/\W/g, "")}@example.com`, "KR")
        const before = { purchases: await count("purchase"), carts: await count("cart") }
        const payload = JSON.parse(JSON.stringify(body).replace('"GAME"', JSON.stringify(game.id)))
        await expectRefused(api.post("/store/purchases", payload, storeHeaders(pk, token, key())), path)
        expect({ purchases: await count("purchase"), carts: await count("cart") }).toEqual(before)
      })

      it("refuses a NUL in a key of the body, anywhere in Medusa's own routes and in auth", async () => {
        const { token } = await signUpPlayer(api, pk, "nul.stock@example.com", "KR")
        const carts = await count("cart")
        const { data: regions } = await query().graph({ entity: "region", fields: ["id"] })
        // A key, deep in jsonb metadata of a stock route.
        await expectRefused(
          api.post("/store/carts", { region_id: regions[0].id, metadata: { note: { [`k${NUL}`]: 1 } } }, storeHeaders(pk, token)),
          "metadata.note"
        )
        await expectRefused(
          api.post("/store/carts", { region_id: regions[0].id, metadata: { note: `a${LONE_SURROGATE}b` } }, storeHeaders(pk, token)),
          "metadata.note"
        )
        expect(await count("cart")).toBe(carts)
        // Stock customer update.
        await expectRefused(api.post("/store/customers/me", { first_name: `A${NUL}` }, storeHeaders(pk, token)), "first_name")
        const { data: me } = await api.get("/store/customers/me", storeHeaders(pk, token))
        expect(me.customer.first_name).toBe("Test")
        // Auth registration.
        const identities = async () => (await getContainer().resolve(Modules.AUTH).listProviderIdentities({})).length
        const before = await identities()
        await expectRefused(
          api.post("/auth/customer/emailpass/register", { email: `nul${NUL}.auth@example.com`, password: "player-pass-1" }),
          "email"
        )
        expect(await identities()).toBe(before)
        // Admin stock route.
        await expectRefused(api.post("/admin/customers", { email: "x@example.com", company_name: `C${NUL}` }, admin), "company_name")
        expect(await count("customer", { email: "x@example.com" })).toBe(0)
      })

      it("refuses a NUL in a query string, keys too, and in the path", async () => {
        await expectRefused(api.get("/store/games?q=%00", storeHeaders(pk)), "q")
        await expectRefused(api.get("/store/games?order=title&genre[%00]=rpg", storeHeaders(pk)), "genre")
        await expectRefused(api.get("/admin/customers?q=a%00b", admin), "q")
        await expectRefused(api.get("/admin/games?q=%00", admin), "q")
        const res = await failure(api.get("/store/games/abc%00def", storeHeaders(pk)))
        expect([res.status, res.data.code]).toEqual([400, "invalid_characters"])
        // Ordinary text still passes, including non-ASCII and emoji (surrogate pairs).
        const { data } = await api.get(`/store/games?q=${encodeURIComponent("항구 🚢")}`, storeHeaders(pk))
        expect(data.games).toEqual([])
      })
    })

    describe("absurd bodies", () => {
      it("refuses a body nested too deep or an oversized array, and creates nothing", async () => {
        const { data: regions } = await query().graph({ entity: "region", fields: ["id"] })
        const carts = await count("cart")
        let deep: any = "bottom"
        for (let i = 0; i < 100; i++) deep = { a: deep }
        const tooDeep = await failure(api.post("/store/carts", { region_id: regions[0].id, metadata: deep }, storeHeaders(pk)))
        expect([tooDeep.status, tooDeep.data.code]).toEqual([400, "body_too_complex"])
        expect(tooDeep.data.message).toMatch(/nested/)
        const tooLong = await failure(
          api.post("/store/carts", { region_id: regions[0].id, metadata: { list: new Array(20_001).fill(1) } }, storeHeaders(pk))
        )
        expect([tooLong.status, tooLong.data.code]).toEqual([400, "body_too_complex"])
        expect(tooLong.data.message).toContain("metadata.list")
        expect(await count("cart")).toBe(carts)
        // A reasonable one still works.
        const { data } = await api.post("/store/carts", { region_id: regions[0].id, metadata: { a: { b: { c: [1, 2, 3] } } } }, storeHeaders(pk))
        expect(data.cart.metadata).toEqual({ a: { b: { c: [1, 2, 3] } } })
      })
    })

    describe("length, array and number limits", () => {
      it("refuses oversized lists and texts on a new game and creates nothing", async () => {
        const before = await count("game")
        const patches: [string, Record<string, unknown>][] = [
          ["platforms", { platforms: new Array(50).fill("windows") }],
          ["thumbnail", { thumbnail: `https://cdn.example.com/${"a".repeat(3000)}.png` }],
          ["title", { title: "x".repeat(301) }],
          ["genres", { genres: new Array(11).fill(0).map((_, i) => `genre-${i}`) }],
          ["tags", { tags: new Array(31).fill(0).map((_, i) => `tag-${i}`) }],
        ]
        for (const [field, patch] of patches) {
          const res = await failure(
            api.post("/admin/games", { ...gameBody({ title: "Limits", prices, service_countries: ["KR"] }), ...patch }, admin)
          )
          expect([field, res.status]).toEqual([field, 400])
          expect(res.data.message).toContain(field)
        }
        expect(await count("game")).toBe(before)
      })

      it("refuses oversized ids, codes, emails and paging", async () => {
        const long = "r".repeat(5000)
        const rate = await failure(api.post("/admin/points/earn-rates", { region_id: `reg_${long}`, rate: 0.1 }, admin))
        expect([rate.status, rate.data.message]).toEqual([400, expect.stringContaining("region_id")])
        const region = await failure(api.get(`/store/games?region_id=reg_${"r".repeat(500)}`, storeHeaders(pk)))
        expect([region.status, region.data.message]).toEqual([400, expect.stringContaining("region_id")])
        const country = await failure(api.get(`/store/games?country=${"k".repeat(500)}`, storeHeaders(pk)))
        expect(country.status).toBe(400)
        expect(country.data.message.length).toBeLessThan(300)
        const price = await failure(api.get("/store/games?price_max=1e300", storeHeaders(pk)))
        expect([price.status, price.data.message]).toEqual([400, expect.stringContaining("price_max")])
        const adminOffset = await failure(api.get("/admin/games?offset=1000000000000", admin))
        expect([adminOffset.status, adminOffset.data.message]).toEqual([400, expect.stringContaining("offset")])

        const { customer, token } = await signUpPlayer(api, pk, "limits.player@example.com", "KR")
        const paging = await failure(api.get("/store/customers/me/points?offset=1000000000000", storeHeaders(pk, token)))
        expect([paging.status, paging.data.message]).toEqual([400, expect.stringContaining("offset")])
        const adminPaging = await failure(api.get(`/admin/customers/${customer.id}/points?offset=1000000000000`, admin))
        expect(adminPaging.status).toBe(400)
        const total = await failure(
          api.post("/store/purchases", { game_ids: [game.id], payment: CARD, expected_total: 1e300 }, storeHeaders(pk, token, key()))
        )
        expect([total.status, total.data.message]).toEqual([400, expect.stringContaining("expected_total")])

        const email = `${"a".repeat(250)}@example.com`
        const { data: reg } = await api.post("/auth/customer/emailpass/register", { email: "long.email@example.com", password: "player-pass-1" })
        const signup = await failure(
          api.post("/store/accounts", { email, residence_country: "KR" }, storeHeaders(pk, reg.token))
        )
        expect([signup.status, signup.data.message]).toEqual([400, expect.stringContaining("email")])
        expect(await count("customer", { email })).toBe(0)
      })
    })

    describe("errors that used to be 500s", () => {
      it("answers a second sign-up with the same registration token 409 account_exists, creating nothing", async () => {
        const email = "twice@example.com"
        const { data: reg } = await api.post("/auth/customer/emailpass/register", { email, password: "player-pass-1" })
        const first = await api.post("/store/accounts", { email, residence_country: "KR" }, storeHeaders(pk, reg.token))
        expect(first.status).toBe(200)
        const again = await failure(
          api.post("/store/accounts", { email: "twice.other@example.com", residence_country: "US" }, storeHeaders(pk, reg.token))
        )
        expect([again.status, again.data.code]).toEqual([409, "account_exists"])
        expect(await count("customer", { email: "twice.other@example.com" })).toBe(0)
        // The same email again is the same conflict.
        const same = await failure(api.post("/store/accounts", { email, residence_country: "KR" }, storeHeaders(pk, reg.token)))
        expect([same.status, same.data.code]).toEqual([409, "account_exists"])
        const policy = getContainer().resolve<RegionPolicyModuleService>(REGION_POLICY_MODULE)
        expect(await policy.getResidenceCountry(first.data.customer.id)).toBe("KR")
      })

      it("answers a repeated stock sign-up (POST /store/customers) 409 account_exists too", async () => {
        const email = "twice.stock@example.com"
        const { data: reg } = await api.post("/auth/customer/emailpass/register", { email, password: "player-pass-1" })
        await api.post("/store/customers", { email }, storeHeaders(pk, reg.token))
        // Another address: Medusa's own check (a customer with this email has an account) does not
        // see it, its auth step then threw a plain Error (500).
        const again = await failure(api.post("/store/customers", { email: "twice.stock.other@example.com" }, storeHeaders(pk, reg.token)))
        expect([again.status, again.data.code]).toEqual([409, "account_exists"])
        expect(await count("customer", { email: "twice.stock.other@example.com" })).toBe(0)
        // The same address stays Medusa's 422.
        const same = await failure(api.post("/store/customers", { email }, storeHeaders(pk, reg.token)))
        expect(same.status).toBe(422)
        expect(await count("customer", { email })).toBe(1)
      })

      it("answers the points of an unknown customer 404", async () => {
        const res = await failure(api.get("/admin/customers/cus_does_not_exist/points", admin))
        expect([res.status, res.data.type]).toEqual([404, "not_found"])
        const adjust = await failure(
          api.post("/admin/customers/cus_does_not_exist/points/adjustments", { points: 5, reason: "goodwill" }, { headers: { ...admin.headers, ...key() } })
        )
        expect(adjust.status).toBe(404)
      })
    })

    describe("orders", () => {
      it("shows an order only to its own customer", async () => {
        const owner = await signUpPlayer(api, pk, "order.owner@example.com", "KR")
        const other = await signUpPlayer(api, pk, "order.other@example.com", "KR")
        const { data } = await api.post("/store/purchases", { game_ids: [game.id], payment: CARD }, storeHeaders(pk, owner.token, key()))
        const { data: settled } = await api.get(`/store/purchases/${data.purchase.id}?wait=15`, storeHeaders(pk, owner.token))
        expect(settled.purchase.status).toBe("completed")
        const orderId = settled.purchase.order_id

        const { data: mine } = await api.get(`/store/orders/${orderId}`, storeHeaders(pk, owner.token))
        expect(mine.order).toMatchObject({ id: orderId, email: "order.owner@example.com" })

        const theirs = await failure(api.get(`/store/orders/${orderId}`, storeHeaders(pk, other.token)))
        expect([theirs.status, theirs.data.type]).toEqual([404, "not_found"])
        expect(JSON.stringify(theirs.data)).not.toContain("order.owner@example.com")
        const anonymous = await failure(api.get(`/store/orders/${orderId}?fields=email`, storeHeaders(pk)))
        expect([anonymous.status, anonymous.data.type]).toEqual([404, "not_found"])
        // Unknown and foreign orders look the same.
        const unknown = await failure(api.get("/store/orders/order_01NOPE", storeHeaders(pk, other.token)))
        expect(unknown.status).toBe(404)

        // Nor through Medusa's order transfer request, which answers with the order too.
        const transfer = await failure(api.post(`/store/orders/${orderId}/transfer/request`, {}, storeHeaders(pk, other.token)))
        expect([transfer.status, transfer.data.type]).toEqual([404, "not_found"])
        expect(JSON.stringify(transfer.data)).not.toContain("order.owner@example.com")
        const { data: [order] } = await query().graph({ entity: "order", fields: ["customer_id"], filters: { id: orderId } })
        expect(order.customer_id).toBe(owner.customer.id)

        // Medusa's list is already the caller's own orders.
        const { data: ownList } = await api.get("/store/orders", storeHeaders(pk, owner.token))
        expect(ownList.orders.map((o: any) => o.id)).toEqual([orderId])
        const { data: otherList } = await api.get("/store/orders", storeHeaders(pk, other.token))
        expect(otherList.orders).toEqual([])
        expect((await failure(api.get("/store/orders", storeHeaders(pk)))).status).toBe(401)
      })
    })

    describe("unknown routes", () => {
      const expectJson404 = (res: any) => {
        expect(res.status).toBe(404)
        expect(String(res.headers?.["content-type"])).toContain("application/json")
        expect(res.data).toEqual({ type: "not_found", message: expect.any(String) })
      }

      it("answers JSON 404 under /store, /admin, /auth and elsewhere", async () => {
        expectJson404(await failure(api.get("/store/no-such-thing", storeHeaders(pk))))
        expectJson404(await failure(api.delete("/store/games", storeHeaders(pk))))
        expectJson404(await failure(api.get("/admin/no-such-thing", admin)))
        expectJson404(await failure(api.post("/admin/games/x/y/z", {}, admin)))
        expectJson404(await failure(api.get("/auth/customer/emailpass/a/b/c")))
        expectJson404(await failure(api.get("/no-such-page")))
        expectJson404(await failure(api.get("/")))
      })

      it("leaves /health and existing routes alone", async () => {
        // (The test runner disables the admin dashboard; its path is let through when it is served:
        // src/api/utils/__tests__/not-found.unit.spec.ts.)
        const health = await api.get("/health")
        expect([health.status, health.data]).toEqual([200, "OK"])
        expect((await api.get("/store/games", storeHeaders(pk))).status).toBe(200)
        // Admin auth still comes first for an unknown admin route.
        expect((await failure(api.get("/admin/no-such-thing"))).status).toBe(401)
      })
    })
  },
})
