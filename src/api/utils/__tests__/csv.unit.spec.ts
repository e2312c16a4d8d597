import { PassThrough } from "stream"
import { csvCell, csvLine, writeChunk } from "../csv"

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+2", "'=1+2"],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j is written as %j", (value, cell) => expect(csvCell(value)).toBe(cell))

  it("leaves numbers, dates and empty values as they are", () => {
    expect(csvCell(-5)).toBe("-5")
    expect(csvCell(19.99)).toBe("19.99")
    expect(csvCell(new Date("2026-01-05T10:00:00Z"))).toBe("2026-01-05T10:00:00.000Z")
    expect(csvCell(null)).toBe("")
    expect(csvCell(undefined)).toBe("")
    expect(csvLine(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n')
  })
})

describe("writeChunk", () => {
  it("waits for drain when the buffer is full and gives up when the client goes away", async () => {
    const res = new PassThrough({ highWaterMark: 4 }) as any
    expect(await writeChunk(res, "ab")).toBe(true)
    const waiting = writeChunk(res, "cdefgh")
    let settled = false
    waiting.then(() => (settled = true))
    await new Promise((r) => setImmediate(r))
    expect(settled).toBe(false)
    res.read()
    expect(await waiting).toBe(true)

    const stuck = writeChunk(res, "x".repeat(10))
    res.destroy()
    expect(await stuck).toBe(false)
    expect(await writeChunk(res, "more")).toBe(false)
  })
})
