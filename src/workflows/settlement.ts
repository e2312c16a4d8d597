import { EventEmitter } from "events"

/**
 * In-process signal that a pre-order or refund settled, so a status request may wait for it
 * (long poll) instead of the client polling. Other instances are covered by the re-read interval.
 */
const settled = new EventEmitter()
settled.setMaxListeners(0)

export function announceSettled(preorderId: string) {
  settled.emit(preorderId)
}

export function waitForSettlement(preorderId: string, timeoutMs: number, recheckMs = 500, recheck?: () => Promise<boolean>) {
  return new Promise<void>((resolve) => {
    let done = false
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      clearInterval(poll)
      settled.off(preorderId, finish)
      resolve()
    }
    const timer = setTimeout(finish, timeoutMs)
    const poll = setInterval(() => {
      recheck?.().then((ok) => ok && finish(), () => {})
    }, recheckMs)
    settled.once(preorderId, finish)
  })
}
