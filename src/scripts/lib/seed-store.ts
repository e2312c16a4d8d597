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
import { seedShipping } from "./seed-shipping"

export const STORE_REGIONS = [
  { name: "Korea", currency_code: "krw", countries: ["kr"] },
  { name: "Japan", currency_code: "jpy", countries: ["jp"] },
  { name: "United States", currency_code: "usd", countries: ["us"] },
  { name: "Europe", currency_code: "eur", countries: ["de", "fr", "es", "it", "nl"] },
  { name: "United Kingdom", currency_code: "gbp", countries: ["gb"] },
  { name: "Brazil", currency_code: "brl", countries: ["br"] },
]

export const PUBLISHABLE_KEY_TITLE = "kstore storefront"
import { SANDBOX_PROVIDER_ID } from "../../modules/sandbox-payment/methods"

export { SANDBOX_PROVIDER_ID }
/** The manual-capture sandbox, registered only when KSTORE_TEST_PROVIDERS=true (see medusa-config.ts). */
export const SANDBOX_MANUAL_PROVIDER_ID = "pp_sandbox_manual"

/** The sandbox providers every region offers: the manual-capture one only in test setups. */
export function sandboxProviderIds() {
  return process.env.KSTORE_TEST_PROVIDERS === "true" ? [SANDBOX_PROVIDER_ID, SANDBOX_MANUAL_PROVIDER_ID] : [SANDBOX_PROVIDER_ID]
}

/**
 * Store currencies, default sales channel, regions, the free "Digital delivery" shipping option of
 * every region and the storefront's publishable key.
 */
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
          payment_providers: [...sandboxProviderIds(), "pp_system_default"],
        })),
      },
    })
  }

  // Regions made before a sandbox provider existed get it too.
  const { data: withProviders } = await query.graph({
    entity: "region",
    fields: ["id", "name", "currency_code", "countries.iso_2", "payment_providers.id"],
  })
  const storeRegions = withProviders.filter((r: any) => STORE_REGIONS.some((s) => s.name === r.name))
  for (const region of storeRegions) {
    const ids = (region.payment_providers ?? []).map((p: any) => p.id)
    const missingProviders = sandboxProviderIds().filter((id) => !ids.includes(id))
    if (missingProviders.length) {
      await updateRegionsWorkflow(container).run({
        input: { selector: { id: region.id }, update: { payment_providers: [...missingProviders, ...ids] } },
      })
    }
  }

  await seedShipping(container, {
    sales_channel_id: channel.id,
    regions: storeRegions.map((r: any) => ({
      id: r.id,
      currency_code: r.currency_code,
      countries: (r.countries ?? []).map((c: any) => c.iso_2),
    })),
  })

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
