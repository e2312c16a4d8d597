import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  updateRegionsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

export const STORE_REGIONS = [
  { name: "Korea", currency_code: "krw", countries: ["kr"] },
  { name: "Japan", currency_code: "jpy", countries: ["jp"] },
  { name: "United States", currency_code: "usd", countries: ["us"] },
  { name: "Europe", currency_code: "eur", countries: ["de", "fr", "es", "it", "nl"] },
  { name: "United Kingdom", currency_code: "gbp", countries: ["gb"] },
  { name: "Brazil", currency_code: "brl", countries: ["br"] },
]

export const PUBLISHABLE_KEY_TITLE = "kstore storefront"
export const SANDBOX_PROVIDER_ID = "pp_sandbox_sandbox"

/** Store currencies, default sales channel, regions and the storefront's publishable key. */
export async function seedStore(container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const salesChannelService = container.resolve(Modules.SALES_CHANNEL)
  const storeService = container.resolve(Modules.STORE)

  let [channel] = await salesChannelService.listSalesChannels({ name: "Default Sales Channel" })
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Default Sales Channel" }] },
    })
    channel = result[0]
  }

  const [store] = await storeService.listStores({}, { relations: ["supported_currencies"] })
  const currencies = STORE_REGIONS.map((r) => r.currency_code)
  const have = new Set((store.supported_currencies ?? []).map((c: any) => c.currency_code))
  if (currencies.some((c) => !have.has(c)) || store.default_sales_channel_id !== channel.id) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: "kstore",
          default_sales_channel_id: channel.id,
          supported_currencies: currencies.map((currency_code) => ({
            currency_code,
            is_default: currency_code === "usd",
          })),
        },
      },
    })
  }

  const { data: regions } = await query.graph({
    entity: "region",
    fields: ["id", "name", "countries.iso_2"],
  })
  const taken = new Set(regions.flatMap((r: any) => (r.countries ?? []).map((c: any) => c.iso_2)))
  const missing = STORE_REGIONS.filter(
    (r) => !regions.some((x: any) => x.name === r.name) && r.countries.every((c) => !taken.has(c))
  )
  if (missing.length) {
    await createRegionsWorkflow(container).run({
      input: {
        regions: missing.map((r) => ({
          ...r,
          automatic_taxes: true,
          payment_providers: [SANDBOX_PROVIDER_ID, "pp_system_default"],
        })),
      },
    })
  }

  // Regions made before the sandbox provider existed get it too.
  const { data: withProviders } = await query.graph({
    entity: "region",
    fields: ["id", "name", "payment_providers.id"],
  })
  for (const region of withProviders.filter((r: any) => STORE_REGIONS.some((s) => s.name === r.name))) {
    const ids = (region.payment_providers ?? []).map((p: any) => p.id)
    if (!ids.includes(SANDBOX_PROVIDER_ID)) {
      await updateRegionsWorkflow(container).run({
        input: { selector: { id: region.id }, update: { payment_providers: [SANDBOX_PROVIDER_ID, ...ids] } },
      })
    }
  }

  const apiKeyService = container.resolve(Modules.API_KEY)
  let [key] = await apiKeyService.listApiKeys({ title: PUBLISHABLE_KEY_TITLE, type: "publishable" })
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: PUBLISHABLE_KEY_TITLE, type: "publishable", created_by: "kstore-seed" }] },
    })
    key = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: key.id, add: [channel.id] },
    })
  }
  return { sales_channel_id: channel.id, publishable_key: key.token }
}
