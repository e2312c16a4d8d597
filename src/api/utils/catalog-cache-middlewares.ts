import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { CATALOG_TAG, invalidateCatalog } from "../../modules/game/catalog-cache"

/**
 * Admin writes that change what a cached catalog answer shows without a kstore event right away:
 * prices and price lists (Medusa 2.21 emits nothing for `POST /admin/price-lists/:id`, and a
 * product's events reach the read model only after the response). Before the write, the catalog
 * is cleared and storing is suspended; once the answer is sent, it is cleared again and storing
 * resumes, so no read after the response can find an answer computed from the old rows.
 */
export async function invalidateCatalogAroundWrite(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    await invalidateCatalog(req.scope, [CATALOG_TAG], { pending: true })
  } catch (e) {
    return next(e)
  }
  let done = false
  const after = () => {
    if (done) return
    done = true
    invalidateCatalog(req.scope, [CATALOG_TAG]).catch(() => undefined)
  }
  res.once("finish", after)
  res.once("close", after)
  next()
}

const WRITES = ["POST", "DELETE"] as const

export const catalogCacheMiddlewares = ["/admin/price-lists*", "/admin/products*", "/admin/price-preferences*"].map(
  (matcher) => ({ matcher, methods: [...WRITES], middlewares: [invalidateCatalogAroundWrite] })
)
