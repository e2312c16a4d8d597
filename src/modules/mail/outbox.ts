import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { MAIL_MODULE } from "."
import type MailModuleService from "./service"

const BATCH = 100
/** How long a flusher holds its rows; a failed batch is tried again after it. */
const HOLD_SECONDS = 60
const delayMs = () => Number(process.env.MAIL_FLUSH_DELAY_MS ?? 1000)

let timer: NodeJS.Timeout | null = null
let running: Promise<number> | null = null

/**
 * Sends every queued mail through the notification module, a batch per call. The module skips
 * idempotency keys it already sent, so a batch retried after a crash sends nothing twice.
 * Returns how many rows were sent.
 */
export async function flushMail(container: MedusaContainer): Promise<number> {
  while (running) await running.catch(() => {})
  running = drain(container)
  try {
    return await running
  } finally {
    running = null
  }
}

async function drain(container: MedusaContainer) {
  const outbox = container.resolve<MailModuleService>(MAIL_MODULE)
  const notifications = container.resolve(Modules.NOTIFICATION)
  let sent = 0
  for (;;) {
    const rows = await outbox.claim(BATCH, HOLD_SECONDS)
    if (!rows.length) return sent
    const ids = rows.map((r) => r.id)
    try {
      await notifications.createNotifications(rows.flatMap((r) => r.entries) as any)
    } catch (e: any) {
      await outbox.markFailed(ids, String(e?.message ?? e))
      throw e
    }
    await outbox.markSent(ids)
    sent += rows.length
    if (rows.length < BATCH) return sent
  }
}

/** Flushes shortly, once for everything queued in the meantime. The minute job catches the rest. */
export function scheduleMailFlush(container: MedusaContainer) {
  if (timer) return
  timer = setTimeout(() => {
    timer = null
    flushMail(container).catch(() => {})
  }, delayMs())
  timer.unref()
}
