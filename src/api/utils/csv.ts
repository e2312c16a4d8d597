import type { ServerResponse } from "http"

/**
 * A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP), and
 * titles, handles and emails are player input, so such text cells get a leading `'`. Numbers and
 * dates are ours and left alone (a negative amount must stay a number).
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ""
  let text = value instanceof Date ? value.toISOString() : String(value)
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** RFC 4180: CRLF after every record, the last one included. */
export const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`

/**
 * Writes a chunk, waiting for 'drain' when the socket's buffer is full so a slow client does not
 * make the server hold the whole file. Resolves false when the client has gone away (then 'drain'
 * never comes, so 'close' must end the wait too).
 */
export function writeChunk(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false)
  if (res.write(chunk)) return Promise.resolve(true)
  return new Promise((resolve) => {
    const settle = (open: boolean) => {
      res.off("drain", onDrain)
      res.off("close", onClose)
      resolve(open)
    }
    const onDrain = () => settle(true)
    const onClose = () => settle(false)
    res.once("drain", onDrain)
    res.once("close", onClose)
  })
}
