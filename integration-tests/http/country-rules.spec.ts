import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, failure, seedForTests, signUpPlayer, storeHeaders } from "../helpers"

jest.setTimeout(120 * 1000)

const krOnly = {
  title: "Seoul Lantern Stories",
  prices: [
    { currency_code: "krw", amount: 22000 },
    { currency_code: "usd", amount: 19.99 },
    { currency_code: "eur", amount: 19.99 },
  ],
  genres: ["visual-novel"],
  developer: "Seoul Lantern",
  publisher: "Hanul Games",
  release_at: "2024-03-01",
  platforms: ["windows"],
  service_countries: ["KR"],
}

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let regions: Record<string, string>
    let variantId: string
    let worldVariantId: string

    beforeAll(async () => {
      const seeded = await seedForTests(getContainer(), 10)
      pk = seeded.publishable_key
      const admin = await adminHeaders(api)
      const { data } = await api.post("/admin/games", krOnly, admin)
      variantId = data.game.variant_id
      const { data: world } = await api.post(
        "/admin/games",
        { ...krOnly, title: "Worldwide Arena", service_countries: ["KR", "US", "DE"] },
        admin
      )
      worldVariantId = world.game.variant_id
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: list } = await query.graph({ entity: "region", fields: ["id", "currency_code"] })
      regions = Object.fromEntries(list.map((r: any) => [r.currency_code, r.id]))
    })

    const cartFor = async (token: string | undefined, currency: string, items: any[] = []) =>
      (await api.post("/store/carts", { region_id: regions[currency], items }, storeHeaders(pk, token))).data.cart

    const pay = async (cartId: string, token?: string) => {
      const { data } = await api.post("/store/payment-collections", { cart_id: cartId }, storeHeaders(pk, token))
      await api.post(
        `/store/payment-collections/${data.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_system_default" },
        storeHeaders(pk, token)
      )
    }

    const orderCount = async () => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: ["id"] })
      return data.length
    }

    describe("residence country", () => {
      it("is chosen at sign-up and shown in the account", async () => {
        const { customer, token } = await signUpPlayer(api, pk, "haruto@example.com", "jp")
        expect(customer).toMatchObject({ email: "haruto@example.com", residence_country: "JP" })
        const { data } = await api.get("/store/customers/me/residence", storeHeaders(pk, token))
        expect(data.residence.country_code).toBe("JP")
        expect(data.residence.changes).toEqual([
          expect.objectContaining({ from_country: null, to_country: "JP", source: "signup" }),
        ])
      })

      it("refuses sign-up with an unknown country and creates no customer", async () => {
        const { data: reg } = await api.post("/auth/customer/emailpass/register", {
          email: "nobody@example.com",
          password: "secret-pass-1",
        })
        const res = await failure(
          api.post(
            "/store/accounts",
            { email: "nobody@example.com", residence_country: "XX" },
            storeHeaders(pk, reg.token)
          )
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Unknown country code 'XX'")
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "customer", fields: ["id"], filters: { email: "nobody@example.com" } })
        expect(data).toHaveLength(0)
      })

      it("changes only through a separate, logged action", async () => {
        const { token } = await signUpPlayer(api, pk, "mover@example.com", "KR")
        const { data } = await api.post(
          "/store/customers/me/residence",
          { country_code: "DE", reason: "moved to Berlin" },
          storeHeaders(pk, token)
        )
        expect(data.residence.country_code).toBe("DE")
        expect(data.residence.changes[0]).toMatchObject({
          from_country: "KR",
          to_country: "DE",
          reason: "moved to Berlin",
          source: "customer",
        })
        expect(data.residence.changes).toHaveLength(2)
        const bad = await failure(
          api.post("/store/customers/me/residence", { country_code: "Germany" }, storeHeaders(pk, token))
        )
        expect(bad.status).toBe(400)
        expect((await api.get("/store/customers/me/residence", storeHeaders(pk, token))).data.residence.changes).toHaveLength(2)
        expect((await failure(api.get("/store/customers/me/residence", storeHeaders(pk)))).status).toBe(401)
      })
    })

    describe("service-country refusal", () => {
      it("refuses adding a game not served in the residence country with 403 and a reason", async () => {
        const { token } = await signUpPlayer(api, pk, "olivia@example.com", "US")
        const cart = await cartFor(token, "usd")
        const res = await failure(
          api.post(`/store/carts/${cart.id}/line-items`, { variant_id: variantId, quantity: 1 }, storeHeaders(pk, token))
        )
        expect(res.status).toBe(403)
        expect(res.data).toMatchObject({ code: "country_not_served" })
        expect(res.data.message).toContain("Seoul Lantern Stories")
        const { data } = await api.get(`/store/carts/${cart.id}`, storeHeaders(pk, token))
        expect(data.cart.items).toHaveLength(0)
      })

      it("refuses creating a cart that already holds such a game", async () => {
        const { token } = await signUpPlayer(api, pk, "lukas@example.com", "DE")
        const res = await failure(
          api.post(
            "/store/carts",
            { region_id: regions.eur, items: [{ variant_id: variantId, quantity: 1 }] },
            storeHeaders(pk, token)
          )
        )
        expect([res.status, res.data]).toEqual([403, expect.objectContaining({ code: "country_not_served" })])
      })

      it("refuses buying when an anonymous cart is taken over by a customer of another country", async () => {
        const cart = await cartFor(undefined, "usd", [{ variant_id: variantId, quantity: 1 }])
        expect(cart.items).toHaveLength(1)
        const { token } = await signUpPlayer(api, pk, "visitor@example.com", "US")
        await api.post(`/store/carts/${cart.id}/customer`, {}, storeHeaders(pk, token))
        await pay(cart.id, token)
        const before = await orderCount()
        const res = await failure(api.post(`/store/carts/${cart.id}/complete`, {}, storeHeaders(pk, token)))
        expect(res.status).toBe(403)
        expect(res.data.code).toBe("country_not_served")
        expect(await orderCount()).toBe(before)
      })

      it("refuses buying a game anonymously", async () => {
        const cart = await cartFor(undefined, "usd", [{ variant_id: worldVariantId, quantity: 1 }])
        await api.post(`/store/carts/${cart.id}`, { email: "anon@example.com" }, storeHeaders(pk))
        await pay(cart.id)
        const res = await failure(api.post(`/store/carts/${cart.id}/complete`, {}, storeHeaders(pk)))
        expect(res.status).toBe(403)
        expect(res.data.code).toBe("login_required")
      })

      it("lets a resident of a service country add and buy the game", async () => {
        const { token } = await signUpPlayer(api, pk, "minji@example.com", "KR")
        const cart = await cartFor(token, "krw")
        const { data } = await api.post(
          `/store/carts/${cart.id}/line-items`,
          { variant_id: variantId, quantity: 1 },
          storeHeaders(pk, token)
        )
        expect(data.cart.items[0]).toMatchObject({ variant_id: variantId, unit_price: 22000 })
        await pay(cart.id, token)
        const { data: done } = await api.post(`/store/carts/${cart.id}/complete`, {}, storeHeaders(pk, token))
        expect(done.type).toBe("order")
        expect(done.order.total).toBe(22000)
      })

      it("follows a residence change: the same player is refused after moving away", async () => {
        const { token } = await signUpPlayer(api, pk, "junho@example.com", "KR")
        await api.post("/store/customers/me/residence", { country_code: "US" }, storeHeaders(pk, token))
        const cart = await cartFor(token, "usd")
        const res = await failure(
          api.post(`/store/carts/${cart.id}/line-items`, { variant_id: variantId, quantity: 1 }, storeHeaders(pk, token))
        )
        expect(res.status).toBe(403)
      })
    })
  },
})
