import { envNumber } from "../env-number"

describe("envNumber", () => {
  const NAME = "KSTORE_TEST_ENV_NUMBER"
  afterEach(() => delete process.env[NAME])
  const read = (value: string | undefined, options?: Parameters<typeof envNumber>[2]) => {
    if (value === undefined) delete process.env[NAME]
    else process.env[NAME] = value
    return envNumber(NAME, 7, options)
  }

  it("reads a number set in the environment at call time", () => {
    expect(read("12")).toBe(12)
    expect(read("0.25")).toBe(0.25)
    expect(read("0")).toBe(0)
  })

  it("falls back when unset, empty, not a number, below the minimum or fractional where whole numbers are wanted", () => {
    expect(read(undefined)).toBe(7)
    expect(read("")).toBe(7)
    expect(read("lots")).toBe(7)
    expect(read("Infinity")).toBe(7)
    expect(read("-1")).toBe(7)
    expect(read("0", { min: 1 })).toBe(7)
    expect(read("2.5", { integer: true })).toBe(7)
    expect(read("3", { min: 1, integer: true })).toBe(3)
  })
})
