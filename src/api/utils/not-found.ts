import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/** Served after the API by Medusa itself (start script, test runner, express loader). */
const PASS_THROUGH = ["/health", "/static"]

const under = (path: string, prefix: string) => path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`)

function adminPath(req: MedusaRequest): string | null {
  try {
    const config = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as any
    return config?.admin?.disable ? null : config?.admin?.path || "/app"
  } catch {
    return "/app"
  }
}

/**
 * Runs after every route (it is registered with the error handler, src/api/middlewares.ts): a
 * request no route answered gets a JSON 404 `{type: "not_found", message}` through the error
 * handler instead of Express's HTML page — under /store, /admin, /auth and anywhere else. The
 * admin dashboard, /health and /static are mounted by Medusa around the API (some after it), so
 * they are let through; so is an OPTIONS request, which Express answers with the allowed methods.
 */
export function notFoundHandler(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (res.headersSent || req.method === "OPTIONS") return next()
  const path = req.path
  const dashboard = adminPath(req)
  if (PASS_THROUGH.some((p) => under(path, p)) || (dashboard && under(path, dashboard))) return next()
  const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path
  next(new MedusaError(MedusaError.Types.NOT_FOUND, `No route for ${req.method} ${shown}`))
}
