import { COUNTRY_CODES, normalizeCountryCode } from "../countries"

describe("country codes", () => {
  it("holds the 249 assigned ISO 3166-1 alpha-2 codes", () => {
    expect(COUNTRY_CODES.size).toBe(249)
    for (const code of ["KR", "JP", "US", "DE", "FR", "ES", "IT", "NL", "GB", "BR"]) {
      expect(COUNTRY_CODES.has(code)).toBe(true)
    }
  })

  it("normalizes case and whitespace and rejects unassigned or malformed codes", () => {
    expect(normalizeCountryCode(" kr ")).toBe("KR")
    expect(normalizeCountryCode("UK")).toBeNull()
    expect(normalizeCountryCode("XX")).toBeNull()
    expect(normalizeCountryCode("KOR")).toBeNull()
    expect(normalizeCountryCode(42)).toBeNull()
  })
})
