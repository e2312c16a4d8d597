import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  batchLinksWorkflow,
  createLocationFulfillmentSetWorkflow,
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateServiceZonesWorkflow,
  updateShippingOptionsWorkflow,
} from "@medusajs/medusa/core-flows"

export const DIGITAL_LOCATION_NAME = "kstore digital delivery"
export const DIGITAL_FULFILLMENT_SET_NAME = "kstore digital delivery"
export const DIGITAL_SERVICE_ZONE_NAME = "Digital delivery — every store country"
export const DIGITAL_SHIPPING_OPTION_NAME = "Digital delivery"
export const DIGITAL_SHIPPING_OPTION_TYPE = {
  label: "Digital delivery",
  description: "Instant download — nothing is shipped",
  code: "digital",
}
export const MANUAL_FULFILLMENT_PROVIDER_ID = "manual_manual"

export type ShippingRegion = { id: string; currency_code: string; countries: string[] }

/**
 * A free "Digital delivery" shipping option usable in every seeded region, set up the way Medusa
 * expects a storefront's checkout to find one: a stock location linked to the default sales channel
 * and to the manual fulfillment provider, a shipping fulfillment set with one service zone covering
 * every region country, the default shipping profile, and a flat 0 price per currency and region.
 * Each piece is looked up first, so a second run creates nothing; a region added later gets its
 * countries and prices added to the existing zone and option.
 */
export async function seedShipping(
  container: MedusaContainer,
  opts: { sales_channel_id: string; regions: ShippingRegion[] }
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const countries = [...new Set(opts.regions.flatMap((r) => r.countries.map((c) => c.toLowerCase())))].sort()
  const currencies = [...new Set(opts.regions.map((r) => r.currency_code.toLowerCase()))]

  // Stock location, with its sales channel and fulfillment provider.
  let {
    data: [location],
  } = await query.graph({
    entity: "stock_location",
    fields: ["id", "sales_channels.id", "fulfillment_providers.id", "fulfillment_sets.id", "fulfillment_sets.name"],
    filters: { name: DIGITAL_LOCATION_NAME },
  })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: DIGITAL_LOCATION_NAME }] },
    })
    location = { id: result[0].id, sales_channels: [], fulfillment_providers: [], fulfillment_sets: [] } as any
  }
  if (!(location.sales_channels ?? []).some((c: any) => c?.id === opts.sales_channel_id)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location.id, add: [opts.sales_channel_id] },
    })
  }
  if (!(location.fulfillment_providers ?? []).some((p: any) => p?.id === MANUAL_FULFILLMENT_PROVIDER_ID)) {
    await batchLinksWorkflow(container).run({
      input: {
        create: [
          {
            [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
            [Modules.FULFILLMENT]: { fulfillment_provider_id: MANUAL_FULFILLMENT_PROVIDER_ID },
          },
        ],
      },
    })
  }

  // Fulfillment set (shipping) of the location, and its one service zone over every country.
  let setId = (location.fulfillment_sets ?? []).find((s: any) => s?.name === DIGITAL_FULFILLMENT_SET_NAME)?.id
  if (!setId) {
    await createLocationFulfillmentSetWorkflow(container).run({
      input: { location_id: location.id, fulfillment_set_data: { name: DIGITAL_FULFILLMENT_SET_NAME, type: "shipping" } },
    })
    const [set] = await fulfillment.listFulfillmentSets({ name: DIGITAL_FULFILLMENT_SET_NAME })
    setId = set.id
  }
  let [zone] = await fulfillment.listServiceZones(
    { name: DIGITAL_SERVICE_ZONE_NAME, fulfillment_set: { id: setId } } as any,
    { relations: ["geo_zones"] }
  )
  if (!zone) {
    const { result } = await createServiceZonesWorkflow(container).run({
      input: {
        data: [
          {
            name: DIGITAL_SERVICE_ZONE_NAME,
            fulfillment_set_id: setId,
            geo_zones: countries.map((country_code) => ({ type: "country" as const, country_code })),
          },
        ],
      },
    })
    zone = { ...result[0], geo_zones: countries.map((country_code) => ({ country_code })) } as any
  } else {
    const have = new Set((zone.geo_zones ?? []).map((g: any) => g.country_code))
    const missing = countries.filter((c) => !have.has(c))
    if (missing.length) {
      await updateServiceZonesWorkflow(container).run({
        input: {
          selector: { id: zone.id },
          update: {
            geo_zones: [
              ...(zone.geo_zones ?? []).map((g: any) => ({ id: g.id })),
              ...missing.map((country_code) => ({ type: "country" as const, country_code })),
            ],
          },
        },
      })
    }
  }

  // The default shipping profile (Medusa's migration usually made it already).
  let [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0] as any
  }

  // The option itself: free, flat, in every currency and every region.
  const prices = [
    ...currencies.map((currency_code) => ({ currency_code, amount: 0 })),
    ...opts.regions.map((r) => ({ region_id: r.id, amount: 0 })),
  ]
  const {
    data: [option],
  } = await query.graph({
    entity: "shipping_option",
    fields: ["id", "prices.currency_code", "prices.price_rules.attribute", "prices.price_rules.value"],
    filters: { name: DIGITAL_SHIPPING_OPTION_NAME, service_zone_id: zone.id },
  })
  if (!option) {
    const { result } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: DIGITAL_SHIPPING_OPTION_NAME,
          price_type: "flat",
          provider_id: MANUAL_FULFILLMENT_PROVIDER_ID,
          service_zone_id: zone.id,
          shipping_profile_id: profile.id,
          type: DIGITAL_SHIPPING_OPTION_TYPE,
          prices,
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
    return { shipping_option_id: result[0].id, stock_location_id: location.id, created: true }
  }
  const priced = ((option as any).prices ?? []).filter(Boolean)
  const regionOf = (p: any) => (p.price_rules ?? []).find((r: any) => r?.attribute === "region_id")?.value
  const haveCurrencies = new Set(priced.filter((p: any) => !regionOf(p)).map((p: any) => p.currency_code))
  const haveRegions = new Set(priced.map(regionOf).filter(Boolean))
  if (currencies.some((c) => !haveCurrencies.has(c)) || opts.regions.some((r) => !haveRegions.has(r.id))) {
    // Every price is 0: replacing the set with the full list is the same as adding the missing ones.
    await updateShippingOptionsWorkflow(container).run({ input: [{ id: option.id, prices }] })
  }
  return { shipping_option_id: option.id, stock_location_id: location.id, created: false }
}
