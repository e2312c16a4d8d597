import { findInputProblem, unstorableCharacter } from "../input-guard"
import { kstoreErrorHandler, postgresErrorCode } from "../error-handler"

describe("characters PostgreSQL cannot store", () => {
  it.each([
    ["a NUL", "a\u0000b", "U+0000"],
    ["a lone high surrogate", "a\ud800b", "U+D800"],
    ["a lone high surrogate at the end", "a\ud83d", "U+D83D"],
    ["a lone low surrogate", "\udc00a", "U+DC00"],
  ])("finds %s", (_name, value, shown) => {
    expect(unstorableCharacter(value)).toContain(shown)
  })

  it("lets ordinary text through, non-ASCII and emoji (surrogate pairs) included", () => {
    for (const value of ["", "Minji", "김민지", "🚢🎮", "tab\tand\nnewline", "\u00e9\u200b"]) {
      expect(unstorableCharacter(value)).toBeNull()
    }
  })
})

describe("findInputProblem", () => {
  it("names the path of a bad value, in objects, arrays and keys", () => {
    expect(findInputProblem({ first_name: "a\u0000" })?.message).toContain("'first_name'")
    expect(findInputProblem({ payment: { method: "card\u0000" } })?.message).toContain("'payment.method'")
    expect(findInputProblem({ tags: ["ok", "x\u0000"] })?.message).toContain("'tags[1]'")
    expect(findInputProblem({ meta: { "k\u0000": 1 } })).toMatchObject({
      code: "invalid_characters",
      message: expect.stringContaining("'meta'"),
    })
    expect(findInputProblem({ "odd key": { x: "\ud800" } })?.message).toContain(`'"odd key".x'`)
    expect(findInputProblem({ meta: { "k\u0000": 1 } })?.message).toContain(`("k\\u0000")`)
    expect(findInputProblem({ q: "\u0000" }, { prefix: "query", root: "query" })?.message).toContain("'query.q'")
    expect(findInputProblem("text\u0000")?.message).toContain("'body'")
  })

  it("accepts ordinary bodies and non-plain values", () => {
    expect(findInputProblem(undefined)).toBeNull()
    expect(findInputProblem({ a: [1, true, null, { b: "ok" }], c: 1.5 })).toBeNull()
    expect(findInputProblem(Buffer.from("\u0000"))).toBeNull()
  })

  it("refuses too deep, too long and too wide bodies without walking them all", () => {
    let deep: any = "x"
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(findInputProblem({ deep })).toMatchObject({ code: "body_too_complex", message: expect.stringContaining("nested") })
    expect(findInputProblem({ list: new Array(10_001).fill(0) })).toMatchObject({
      code: "body_too_complex",
      message: expect.stringContaining("'list'"),
    })
    expect(findInputProblem(Object.fromEntries(new Array(1_001).fill(0).map((_, i) => [`k${i}`, i])))?.code).toBe("body_too_complex")
    let ok: any = "x"
    for (let i = 0; i < 30; i++) ok = { a: ok }
    expect(findInputProblem(ok)).toBeNull()
  })
})

describe("database errors at the error handler", () => {
  const respond = (err: any) => {
    const res: any = { statusCode: 0, body: undefined }
    res.status = (code: number) => ((res.statusCode = code), res)
    res.json = (body: any) => ((res.body = body), res)
    const req: any = { method: "POST", path: "/x", scope: { resolve: () => ({ warn() {}, error() {}, info() {} }) } }
    kstoreErrorHandler(err, req, res, () => undefined)
    return res
  }
  const pgError = (code: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error("insert into \"x\" ... - invalid input syntax"), { code, severity: "ERROR", routine: "x", ...extra })

  it("recognises only errors PostgreSQL raised", () => {
    expect(postgresErrorCode(pgError("22P02"))).toBe("22P02")
    expect(postgresErrorCode(Object.assign(new Error("x"), { code: "22P02" }))).toBeUndefined()
    expect(postgresErrorCode({ code: "invalid_data", severity: "ERROR" })).toBeUndefined()
  })

  it("answers a data exception 400 invalid_input without the SQL", () => {
    const res = respond(pgError("22P02", { column: "amount" }))
    expect(res.statusCode).toBe(400)
    expect(res.body).toMatchObject({ type: "invalid_data", code: "invalid_input", message: expect.stringContaining("amount") })
    expect(res.body.message).not.toContain("insert")
  })

  it("answers a unique violation 422 as Medusa does, even without table and detail", () => {
    expect(respond(pgError("23505", { table: "game", detail: "Key (handle)=(x) already exists." })).statusCode).toBe(422)
    expect(respond(pgError("23505")).statusCode).toBe(422)
  })

  it("answers Medusa's 'already linked' sign-up error 409 account_exists", () => {
    const res = respond(new Error("Key customer_id already exists in app metadata"))
    expect([res.statusCode, res.body.code]).toEqual([409, "account_exists"])
    // As a workflow hands it on: serialized.
    const serialized = respond({ name: "Error", message: "Key customer_id already exists in app metadata" })
    expect([serialized.statusCode, serialized.body.code]).toEqual([409, "account_exists"])
  })
})
