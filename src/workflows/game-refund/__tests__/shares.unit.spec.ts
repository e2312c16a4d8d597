import { refundShare, roundToCurrency } from "../shares"

const lines = [
  { game_id: "a", total: 17.991 },
  { game_id: "b", total: 8.991 },
  { game_id: "c", total: 44.991 },
]
const paid = { cash: 66.973, points_spent: 500, points_earned: 334 }

describe("refund shares", () => {
  it("splits by line totals and gives the last refund the exact remainder", () => {
    const first = refundShare({ currency_code: "usd", lines, paid, game_ids: ["b"], others: [] })
    expect(first).toEqual({ cash: 8.37, points_spent: 62, points_earned: 41 })
    const rest = refundShare({ currency_code: "usd", lines, paid, game_ids: ["a", "c"], others: [{ game_ids: ["b"], share: first }] })
    expect(rest).toEqual({ cash: 58.603, points_spent: 438, points_earned: 293 })
  })

  it("counts a refund that has not fixed its share yet by its ratio", () => {
    const share = refundShare({ currency_code: "usd", lines, paid, game_ids: ["a", "c"], others: [{ game_ids: ["b"], share: null }] })
    expect(share.cash + 8.37).toBeCloseTo(66.973, 6)
  })

  it("rounds to the currency's unit: none for KRW and JPY", () => {
    expect(roundToCurrency(1234.5678, "krw")).toBe(1235)
    expect(roundToCurrency(1234.5678, "jpy")).toBe(1235)
    expect(roundToCurrency(1.005, "usd")).toBe(1.01)
    const krw = refundShare({ currency_code: "krw", lines: [{ game_id: "a", total: 10000 }, { game_id: "b", total: 20000 }], paid: { cash: 29999, points_spent: 1, points_earned: 149 }, game_ids: ["a"], others: [] })
    expect(krw).toEqual({ cash: 10000, points_spent: 0, points_earned: 49 })
  })
})
