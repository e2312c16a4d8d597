import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { giftBatch, type GiftReportFilters } from "../../../../modules/gift/report"
import { csvLine, writeChunk } from "../../../utils/csv"
import { CSV_COLUMNS, giftView, peopleOf } from "../helpers"

const EXPORT_BATCH = 500
// Excel reads a CSV without a BOM as the local code page and garbles non-ASCII titles and handles.
const BOM = "\uFEFF"

/**
 * The report as CSV, streamed: batches read by keyset and written as they come, so memory stays at
 * one batch however many gifts match. Batches are separate reads, not one snapshot: a gift changing
 * state mid-export shows as it was when its batch was read.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const filters = req.validatedQuery as GiftReportFilters
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  // The first read comes before any header, so a failure there is still an ordinary JSON error.
  let batch = await giftBatch(knex, filters, null, EXPORT_BATCH)

  res.status(200)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="gifts-${new Date().toISOString().slice(0, 10)}.csv"`)
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("X-Content-Type-Options", "nosniff")
  try {
    if (!(await writeChunk(res, BOM + csvLine(CSV_COLUMNS.map(([name]) => name))))) return
    for (;;) {
      const people = await peopleOf(req.scope, batch.rows)
      const text = batch.rows.map((r) => csvLine(CSV_COLUMNS.map(([, cell]) => cell(giftView(r, people))))).join("")
      if (text && !(await writeChunk(res, text))) return
      if (!batch.next) break
      batch = await giftBatch(knex, filters, batch.next, EXPORT_BATCH)
    }
    res.end()
  } catch (error) {
    req.scope.resolve(ContainerRegistrationKeys.LOGGER).error(`Gift export failed: ${(error as Error).message}`)
    // Headers are gone: cutting the connection is the only way to tell the client the file is not whole.
    res.destroy(error as Error)
  }
}
