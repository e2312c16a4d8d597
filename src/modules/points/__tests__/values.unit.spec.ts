import { cashToPoints, pointsEarned, pointsToCash, POINT_VALUE } from "../values"

describe("point values", () => {
  it("are worth about one US cent in every store currency", () => {
    expect(Object.keys(POINT_VALUE).sort()).toEqual(["brl", "eur", "gbp", "jpy", "krw", "usd"])
    expect(pointsToCash(100, "usd")).toBe(1)
    expect(pointsToCash(100, "krw")).toBe(1000)
    expect(pointsToCash(100, "jpy")).toBe(100)
    expect(pointsToCash(100, "brl")).toBe(5)
  })

  it("earns 5% of the cash part by default, rounded down", () => {
    expect(pointsEarned(59.99, "usd")).toBe(299)
    expect(pointsEarned(66000, "krw")).toBe(330)
    expect(pointsEarned(7480, "jpy")).toBe(374)
    expect(pointsEarned(20, "eur")).toBe(100)
    expect(pointsEarned(0, "usd")).toBe(0)
    expect(pointsEarned(100, "usd", 0.1)).toBe(1000)
  })

  it("converts cash to points rounding up so points never under-pay", () => {
    expect(cashToPoints(10, "usd")).toBe(1000)
    expect(cashToPoints(0.015, "usd")).toBe(2)
    expect(cashToPoints(66000, "krw")).toBe(6600)
  })
})
