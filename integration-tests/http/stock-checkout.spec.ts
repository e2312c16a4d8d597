import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import Medusa from "@medusajs/js-sdk"
import { adminHeaders, createGame, failure, seedForTests, storeHeaders, verifyEmail } from "../helpers"
import { flushMail } from "../../src/modules/mail/outbox"
import { seedStore } from "../../src/scripts/lib/seed-store"
import { DIGITAL_LOCATION_NAME, DIGITAL_SHIPPING_OPTION_NAME } from "../../src/scripts/lib/seed-shipping"
import { SIGNUP_RESIDENCE_METADATA_KEY } from "../../src/workflows/hooks/customer-residence"

jest.setTimeout(180 * 1000)

const PASSWORD = "stock-pass-1"
const prices = [
  { currency_code: "krw", amount: 30000 },
  { currency_code: "jpy", amount: 3000 },
  { currency_code: "usd", amount: 24.99 },
  { currency_code: "eur", amount: 22.99 },
  { currency_code: "gbp", amount: 19.99 },
  { currency_code: "brl", amount: 119.9 },
]
const address = (country_code: string) => ({
  first_name: "Stock",
  last_name: "Buyer",
  address_1: "1 Main Street",
  city: "Capital",
  postal_code: "10000",
  country_code,
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let regions: Record<string, string>
    let released: { variant_id: string; game_id: string }
    let krOnly: { variant_id: string }

    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)

    /** A storefront that knows nothing of kstore: Medusa's JS SDK with a publishable key. */
    const storefront = () =>
      new Medusa({
        baseUrl: (api as any).defaults.baseURL,
        publishableKey: pk,
        auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
      })

    /** Stock sign-up: auth registration, `POST /store/customers` with additional data, the email link, login. */
    const signUp = async (email: string, residence?: string) => {
      const sdk = storefront()
      await sdk.auth.register("customer", "emailpass", { email, password: PASSWORD })
      const { customer } = await sdk.store.customer.create({
        email,
        first_name: "Stock",
        last_name: "Buyer",
        ...(residence ? { additional_data: { residence_country: residence } } : {}),
      } as any)
      await verifyEmail(api, pk, customer as any)
      await sdk.auth.login("customer", "emailpass", { email, password: PASSWORD })
      return { sdk, customer }
    }

    const shippingSetup = async () => {
      const fulfillment = getContainer().resolve(Modules.FULFILLMENT)
      const { data: locations } = await query().graph({
        entity: "stock_location",
        fields: ["id", "sales_channels.id", "fulfillment_providers.id", "fulfillment_sets.id", "fulfillment_sets.type"],
        filters: { name: DIGITAL_LOCATION_NAME },
      })
      const setIds = locations.flatMap((l: any) => l.fulfillment_sets.map((s: any) => s.id))
      const zones = setIds.length
        ? await fulfillment.listServiceZones({ fulfillment_set: { id: setIds } } as any, { relations: ["geo_zones"] })
        : []
      const { data: options } = await query().graph({
        entity: "shipping_option",
        fields: ["id", "price_type", "provider_id", "shipping_profile.type", "type.code", "prices.id", "prices.amount"],
        filters: { name: DIGITAL_SHIPPING_OPTION_NAME },
      })
      const { data: withProviders } = await query().graph({ entity: "region", fields: ["id", "payment_providers.id"] })
      // Query's generated types (once .medusa/types exists) know neither nulls nor links here.
      return { locations: locations as any[], zones, options: options as any[], providers: withProviders.map((r: any) => r.payment_providers.map((p: any) => p.id).sort()) }
    }

    beforeAll(async () => {
      const seeded = await seedForTests(getContainer(), 5)
      pk = seeded.publishable_key
      const admin = await adminHeaders(api)
      released = await createGame(api, admin, {
        title: "Stock Checkout Rally",
        prices,
        service_countries: ["KR", "JP", "US", "DE", "FR", "ES", "IT", "NL", "GB", "BR"],
        release_in_days: -10,
      })
      krOnly = await createGame(api, admin, {
        title: "Stock Checkout Seoul Only",
        prices,
        service_countries: ["KR"],
        release_in_days: -10,
      })
      const { data } = await query().graph({ entity: "region", fields: ["id", "currency_code"] })
      regions = Object.fromEntries(data.map((r: any) => [r.currency_code, r.id]))
    })

    describe("digital delivery seed", () => {
      it("sets up one free Digital delivery option for every region, and a second seed creates nothing", async () => {
        const first = await shippingSetup()
        await seedStore(getContainer())
        const second = await shippingSetup()
        expect(second).toEqual(first)

        const { locations, zones, options } = second
        expect(locations).toHaveLength(1)
        const [channel] = await getContainer().resolve(Modules.SALES_CHANNEL).listSalesChannels({ name: "Default Sales Channel" })
        expect(locations[0].sales_channels.map((c: any) => c.id)).toEqual([channel.id])
        expect(locations[0].fulfillment_providers.map((p: any) => p.id)).toEqual(["manual_manual"])
        expect(locations[0].fulfillment_sets).toEqual([expect.objectContaining({ type: "shipping" })])
        expect(zones).toHaveLength(1)
        expect(zones[0].geo_zones.map((g: any) => g.country_code).sort()).toEqual(
          ["br", "de", "es", "fr", "gb", "it", "jp", "kr", "nl", "us"]
        )
        expect(options).toHaveLength(1)
        expect(options[0]).toMatchObject({
          price_type: "flat",
          provider_id: "manual_manual",
          shipping_profile: { type: "default" },
          type: { code: "digital" },
        })
        // One 0 price per currency and one per region.
        expect(options[0].prices).toHaveLength(12)
        expect(options[0].prices.every((p: any) => Number(p.amount) === 0)).toBe(true)
        // The test-only manual-capture provider is enabled once in every region.
        for (const ids of second.providers) expect(ids).toEqual(["pp_sandbox_manual", "pp_sandbox_sandbox", "pp_system_default"])
      })

      it("is what GET /store/shipping-options offers a cart with a game in every region, for free", async () => {
        const h = storeHeaders(pk)
        for (const [currency, regionId] of Object.entries(regions)) {
          const { data: c } = await api.post("/store/carts", { region_id: regionId, items: [{ variant_id: released.variant_id, quantity: 1 }] }, h)
          const { data } = await api.get(`/store/shipping-options?cart_id=${c.cart.id}`, h)
          expect([currency, data.shipping_options.map((o: any) => [o.name, o.amount, o.type?.code])]).toEqual([
            currency,
            [["Digital delivery", 0, "digital"]],
          ])
        }
      })
    })

    describe("a stock storefront (js-sdk)", () => {
      it("signs up with a residence and places an order with only stock Store API calls", async () => {
        const email = "stock-buyer@example.com"
        const { sdk, customer } = await signUp(email, "kr")
        expect(customer).toMatchObject({ email, has_account: true })

        // The residence came from additional_data (source "signup"); the carrier key is gone.
        const residence = await sdk.client.fetch<any>("/store/customers/me/residence")
        expect(residence.residence.country_code).toBe("KR")
        expect(residence.residence.changes).toEqual([expect.objectContaining({ from_country: null, to_country: "KR", source: "signup" })])
        const { data: [stored] } = await query().graph({ entity: "customer", fields: ["metadata"], filters: { id: customer.id } })
        expect(stored.metadata?.[SIGNUP_RESIDENCE_METADATA_KEY]).toBeUndefined()

        const { regions: storeRegions } = await sdk.store.region.list()
        const region = storeRegions.find((r: any) => r.countries?.some((c: any) => c.iso_2 === "kr"))!
        let { cart } = await sdk.store.cart.create({ region_id: region.id })
        ;({ cart } = await sdk.store.cart.createLineItem(cart.id, { variant_id: released.variant_id, quantity: 1 }))
        ;({ cart } = await sdk.store.cart.update(cart.id, { email, billing_address: address("kr"), shipping_address: address("kr") }))
        expect(cart.customer_id).toBe(customer.id)
        expect(cart.items?.[0]).toMatchObject({ requires_shipping: false, unit_price: 30000 })

        const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
        const digital = shipping_options.find((o: any) => o.name === "Digital delivery")!
        expect([shipping_options.length, digital.amount, digital.type?.code]).toEqual([1, 0, "digital"])
        ;({ cart } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: digital.id }))
        expect(cart.shipping_methods?.map((m: any) => [m.shipping_option_id, m.amount])).toEqual([[digital.id, 0]])

        // Only the provider id, as stock storefronts send it.
        const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_sandbox_sandbox" })
        expect(payment_collection.payment_sessions?.[0]?.data).toMatchObject({
          country: "KR",
          method: "card",
          method_name: "Credit / debit card",
        })

        const done: any = await sdk.store.cart.complete(cart.id)
        expect([done.type, done.error?.message]).toEqual(["order", undefined])
        expect(done.order.total).toBe(30000)
        // A storefront retrying its checkout gets the same order back, as from stock Medusa.
        const retried: any = await sdk.store.cart.complete(cart.id)
        expect([retried.type, retried.order?.id]).toEqual(["order", done.order.id])
        const { data: [order] } = await query().graph({
          entity: "order",
          fields: ["id", "customer_id", "shipping_methods.name", "payment_collections.payment_sessions.status", "payment_collections.payment_sessions.provider_id"],
          filters: { id: done.order.id },
        })
        expect(order).toMatchObject({
          customer_id: customer.id,
          shipping_methods: [expect.objectContaining({ name: "Digital delivery" })],
          payment_collections: [
            expect.objectContaining({
              payment_sessions: [expect.objectContaining({ provider_id: "pp_sandbox_sandbox", status: "authorized" })],
            }),
          ],
        })

        // The same outcome as our purchase route, through the same steps after the pivot: the
        // payment captured by Medusa's capture flow, the game in the library, points, a mail.
        const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean) => {
          for (let i = 0; i < 50; i++) {
            const value = await read()
            if (ok(value)) return value
            await new Promise((r) => setTimeout(r, 200))
          }
          return read()
        }
        const completed: any = await until(
          async () => (await query().graph({ entity: "order", fields: ["status", "transactions.reference", "transactions.amount", "payment_collections.payments.captured_at"], filters: { id: done.order.id } })).data[0],
          (o: any) => o.status === "completed"
        )
        expect(completed.status).toBe("completed")
        expect(completed.payment_collections[0].payments[0].captured_at).toBeTruthy()
        expect(completed.transactions.map((t: any) => [t.reference, Number(t.amount)])).toEqual([["capture", 30000]])
        const library: any = await sdk.client.fetch("/store/library")
        expect(library.library).toEqual([expect.objectContaining({ game_id: (released as any).id, status: "downloadable", source: "purchase" })])
        const points: any = await sdk.client.fetch("/store/customers/me/points")
        expect(points.balance).toBe(150)
        await flushMail(getContainer())
        const mails = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: email, channel: "email" })
        expect(mails.map((m: any) => m.template)).toContain("purchase-confirmed")

        // Buying it again is refused at stock completion as at our route.
        let { cart: again } = await sdk.store.cart.create({ region_id: region.id })
        ;({ cart: again } = await sdk.store.cart.createLineItem(again.id, { variant_id: released.variant_id, quantity: 1 }))
        await sdk.store.payment.initiatePaymentSession(again, { provider_id: "pp_sandbox_sandbox" })
        const refused: any = await sdk.store.cart.complete(again.id).catch((e: any) => e)
        expect([refused.status, refused.message]).toEqual([409, expect.stringContaining("already own")])
      })

      it("defaults a session without data to the customer's address country, else the currency's", async () => {
        // A guest's euro cart: no customer in the context, so the euro region's first country.
        const guest = storefront()
        const { cart: guestCart } = await guest.store.cart.create({ region_id: regions.eur })
        const { payment_collection: guestPc } = await guest.store.payment.initiatePaymentSession(guestCart, { provider_id: "pp_sandbox_sandbox" })
        expect(guestPc.payment_sessions?.[0]?.data).toMatchObject({ country: "DE", method: "card" })

        // A player with a saved Dutch address: Medusa hands the provider that address.
        const { sdk } = await signUp("stock-dutch@example.com", "NL")
        await sdk.store.customer.createAddress(address("nl"))
        const { cart } = await sdk.store.cart.create({ region_id: regions.eur })
        const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_sandbox_sandbox" })
        expect(payment_collection.payment_sessions?.[0]?.data).toMatchObject({ country: "NL", method: "card", method_name: "Credit / debit card" })
      })

      it("lets a guest cart with an email hold any game", async () => {
        const h = storeHeaders(pk)
        const { data: created } = await api.post("/store/carts", { region_id: regions.usd }, h)
        const { data: withEmail } = await api.post(`/store/carts/${created.cart.id}`, { email: "stock-guest@example.com" }, h)
        expect(withEmail.cart.customer_id).toBeTruthy()
        const guest = await getContainer().resolve(Modules.CUSTOMER).retrieveCustomer(withEmail.cart.customer_id)
        expect(guest.has_account).toBe(false)
        // A game served only in Korea, in a US cart: still only browsing, so it is let in.
        const { data } = await api.post(`/store/carts/${created.cart.id}/line-items`, { variant_id: krOnly.variant_id, quantity: 1 }, h)
        expect(data.cart.items.map((i: any) => i.variant_id)).toEqual([krOnly.variant_id])
        const { data: more } = await api.post(`/store/carts/${created.cart.id}/line-items`, { variant_id: released.variant_id, quantity: 1 }, h)
        expect(more.cart.items).toHaveLength(2)
      })

      it("refuses an unknown residence at stock sign-up with 400 and creates no customer; none is fine", async () => {
        const email = "stock-nowhere@example.com"
        const { data: reg } = await api.post("/auth/customer/emailpass/register", { email, password: PASSWORD })
        const res = await failure(
          api.post("/store/customers", { email, additional_data: { residence_country: "XX" } }, storeHeaders(pk, reg.token))
        )
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("Unknown country code 'XX'")
        const customers = async () => (await query().graph({ entity: "customer", fields: ["id"], filters: { email } })).data
        expect(await customers()).toHaveLength(0)

        // The carrier key cannot be set directly either.
        const { data } = await api.post(
          "/store/customers",
          { email, metadata: { [SIGNUP_RESIDENCE_METADATA_KEY]: "US", plan: "x" } },
          storeHeaders(pk, reg.token)
        )
        expect(data.customer.metadata).toEqual({ plan: "x" })
        expect(await customers()).toHaveLength(1)
        const { data: residences } = await query().graph({
          entity: "customer",
          fields: ["customer_residence.country_code"],
          filters: { email },
        })
        expect(residences[0].customer_residence ?? null).toBeNull()
      })

      it("takes a first purchase's billing country as the residence, and holds a resident to that region", async () => {
        const email = "stock-first-purchase@example.com"
        const { sdk, customer } = await signUp(email)
        const cartIn = async (currency: string, country: string) => {
          let { cart } = await sdk.store.cart.create({ region_id: regions[currency], items: [{ variant_id: released.variant_id, quantity: 1 }] })
          ;({ cart } = await sdk.store.cart.update(cart.id, { email, billing_address: address(country) }))
          await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_sandbox_sandbox" })
          return cart
        }
        // No residence yet: the checkout declares it (KR), logged and linked like any other change…
        const krCart = await cartIn("krw", "kr")
        const done: any = await sdk.store.cart.complete(krCart.id)
        expect(done.type).toBe("order")
        const residence: any = await sdk.client.fetch("/store/customers/me/residence")
        expect(residence.residence.country_code).toBe("KR")
        expect(residence.residence.changes).toEqual([expect.objectContaining({ from_country: null, to_country: "KR", source: "first_purchase" })])
        const { data: [linked] } = await query().graph({ entity: "customer", fields: ["customer_residence.country_code"], filters: { id: customer.id } })
        expect(linked.customer_residence?.country_code).toBe("KR")

        // …and from then on a cart in another region's prices is refused, whatever its billing country.
        const usCart = await cartIn("usd", "us")
        const refused: any = await sdk.store.cart.complete(usCart.id).catch((e: any) => e)
        expect([refused.status, refused.message]).toEqual([400, expect.stringContaining("buy in the Korea region")])
        const after: any = await sdk.client.fetch("/store/customers/me/residence")
        expect(after.residence.changes).toHaveLength(1)
      })

      it("authorizes without capturing through the manual-capture provider", async () => {
        const buy = async (email: string, provider_id: string) => {
          const { sdk } = await signUp(email, "US")
          let { cart } = await sdk.store.cart.create({ region_id: regions.usd, items: [{ variant_id: released.variant_id, quantity: 1 }] })
          ;({ cart } = await sdk.store.cart.update(cart.id, { email, billing_address: address("us") }))
          const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
          ;({ cart } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: shipping_options[0].id }))
          // Both sessions ask for automatic capture; only the provider's own mode differs.
          await sdk.store.payment.initiatePaymentSession(cart, { provider_id, data: { capture: "automatic" } })
          const done: any = await sdk.store.cart.complete(cart.id)
          expect(done.type).toBe("order")
          const { data: [paid] } = await query().graph({
            entity: "cart",
            fields: [
              "payment_collection.payment_sessions.status",
              "payment_collection.payment_sessions.data",
              "payment_collection.payments.provider_id",
              "payment_collection.payments.data",
              "payment_collection.payments.captures.id",
            ],
            filters: { id: cart.id },
          })
          return paid.payment_collection as any
        }

        const manual = await buy("stock-manual@example.com", "pp_sandbox_manual")
        expect(manual.payments).toHaveLength(1)
        expect(manual.payments[0].provider_id).toBe("pp_sandbox_manual")
        // What authorization answered (kept on the session; a later capture, such as the one a
        // subscriber of order.placed may make, does not change it): authorized, not captured.
        expect(manual.payment_sessions[0]).toMatchObject({
          status: "authorized",
          data: expect.objectContaining({ gateway_status: "authorized", country: "US", method: "card" }),
        })
        expect(manual.payments[0].data.gateway_status).toBe("authorized")

        // The same session on the default provider captures during authorization.
        const automatic = await buy("stock-automatic@example.com", "pp_sandbox_sandbox")
        expect(automatic.payment_sessions[0].data.gateway_status).toBe("captured")
        expect(automatic.payments[0].captures).toHaveLength(1)
      })
    })
  },
})
