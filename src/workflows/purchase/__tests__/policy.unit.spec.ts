import { MedusaError } from "@medusajs/framework/utils"
import { purchaseEligibility, purchaseRefused } from "../policy"

const now = new Date("2026-11-23T12:00:00Z")
const released = { service_countries: ["KR", "JP"], release_at: "2025-01-01T00:00:00Z", preorder_enabled: false }
const upcoming = { ...released, release_at: "2026-12-10T00:00:00Z", preorder_enabled: true }

describe("purchaseEligibility", () => {
  it("allows a released game to a resident of a service country", () => {
    expect(
      purchaseEligibility({ game: released, residence_country: "KR", logged_in: true, has_price: true, now })
    ).toEqual({ allowed: true, reason: null, preorder: false })
  })

  it("refuses a resident of a country outside the service countries", () => {
    expect(
      purchaseEligibility({ game: released, residence_country: "US", logged_in: true, has_price: true, now })
        .reason
    ).toBe("country_not_served")
  })

  it("puts the country rule before the price rule", () => {
    expect(
      purchaseEligibility({ game: released, residence_country: "US", logged_in: true, has_price: false, now })
        .reason
    ).toBe("country_not_served")
  })

  it("asks visitors to sign in and customers without residence to set one", () => {
    expect(purchaseEligibility({ game: released, residence_country: null, logged_in: false, has_price: true, now }).reason).toBe("login_required")
    expect(purchaseEligibility({ game: released, residence_country: null, logged_in: true, has_price: true, now }).reason).toBe("residence_required")
  })

  it("marks an upcoming game with an open pre-order as a pre-order", () => {
    expect(
      purchaseEligibility({ game: upcoming, residence_country: "JP", logged_in: true, has_price: true, now })
    ).toEqual({ allowed: true, reason: null, preorder: true })
  })

  it("refuses an upcoming game without an open pre-order", () => {
    expect(
      purchaseEligibility({
        game: { ...upcoming, preorder_enabled: false },
        residence_country: "JP",
        logged_in: true,
        has_price: true,
        now,
      }).reason
    ).toBe("not_released")
  })

  it("refuses a game with no price in the region", () => {
    expect(
      purchaseEligibility({ game: released, residence_country: "KR", logged_in: true, has_price: false, now }).reason
    ).toBe("no_price_in_region")
  })
})

describe("purchaseRefused", () => {
  it("is a FORBIDDEN MedusaError whose code is the reason", () => {
    const err = purchaseRefused("country_not_served", "Lunar Garden")
    expect(err).toBeInstanceOf(MedusaError)
    expect(err.type).toBe(MedusaError.Types.FORBIDDEN)
    expect(err.code).toBe("country_not_served")
    expect(err.message).toContain("Lunar Garden")
  })
})
