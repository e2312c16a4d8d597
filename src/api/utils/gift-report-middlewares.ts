import type { MiddlewareRoute } from "@medusajs/framework/http"
import { AdminGiftExportQuery, AdminGiftQuery, AdminGiftsQuery } from "./gift-report-validators"
import { validateQuery } from "./validate-query"

/**
 * The staff gift report (Medusa already requires an admin user for /admin). A string matcher
 * "/admin/gifts/:id" would also match /admin/gifts/export in Express and refuse the export's
 * filters, so the detail's matcher leaves "export" out.
 */
export const giftReportMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/gifts", methods: ["GET"], middlewares: [validateQuery(AdminGiftsQuery)] },
  { matcher: "/admin/gifts/export", methods: ["GET"], middlewares: [validateQuery(AdminGiftExportQuery)] },
  { matcher: /^\/admin\/gifts\/(?!export\/?$)[^/]+\/?$/, methods: ["GET"], middlewares: [validateQuery(AdminGiftQuery)] },
]
