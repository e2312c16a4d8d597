import { notFoundHandler } from "../not-found"

const run = (method: string, path: string, admin: Record<string, unknown> = { path: "/app" }) => {
  const req: any = { method, path, scope: { resolve: () => ({ admin }) } }
  const res: any = { headersSent: false }
  let passed: any = "not called"
  notFoundHandler(req, res, (err?: any) => (passed = err))
  return passed
}

describe("notFoundHandler", () => {
  it.each(["/store/nope", "/admin/nope", "/auth/x/y/z", "/", "/appx", "/healthz"])("answers %s 404", (path) => {
    expect(run("GET", path)).toMatchObject({ type: "not_found", message: expect.stringContaining(path) })
  })

  it.each(["/app", "/app/", "/app/orders/123", "/health", "/static/a.png"])("lets %s through to what Medusa mounts there", (path) => {
    expect(run("GET", path)).toBeUndefined()
  })

  it("follows the configured dashboard path, and none when the dashboard is disabled", () => {
    expect(run("GET", "/dashboard/x", { path: "/dashboard" })).toBeUndefined()
    expect(run("GET", "/app", { path: "/dashboard" })).toMatchObject({ type: "not_found" })
    expect(run("GET", "/app", { path: "/app", disable: true })).toMatchObject({ type: "not_found" })
  })

  it("leaves OPTIONS to Express", () => {
    expect(run("OPTIONS", "/store/nope")).toBeUndefined()
  })
})
