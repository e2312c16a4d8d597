import type { StepExecutionContext } from "@medusajs/framework/workflows-sdk"

/**
 * Fault injection for saga tests: a test arms a named point with an error, a timeout or a crash
 * (a step that never returns, as when the process dies inside it). Unarmed points cost one Map
 * lookup. Only tests arm points; nothing in the app does.
 */
export type Fault = "error" | "timeout" | "crash"

const armed = new Map<string, { fault: Fault; times: number }>()
const crashed = new Set<string>()

export function armFault(point: string, fault: Fault, times = 1) {
  armed.set(point, { fault, times })
}

// A crash test arms points of a server it starts: KSTORE_TEST_FAULTS="point=fault[*times],…"
// (e.g. "grant-purchased-games:before=crash"). Unset everywhere else, so nothing is armed.
for (const spec of (process.env.KSTORE_TEST_FAULTS ?? "").split(",").filter(Boolean)) {
  const [point, what] = spec.split("=")
  const [fault, times] = (what ?? "").split("*")
  if (point && ["error", "timeout", "crash"].includes(fault)) armFault(point, fault as Fault, Number(times) || 1)
}

export function disarmFaults() {
  armed.clear()
  crashed.clear()
}

/** How many more times an armed point will fire (0 once used up). */
export function armedTimes(point: string) {
  return armed.get(point)?.times ?? 0
}

export function crashedAt(point: string) {
  return crashed.has(point)
}

export class InjectedFaultError extends Error {
  code: string
  constructor(point: string, fault: Fault) {
    super(fault === "timeout" ? `Timed out at ${point}` : `Injected failure at ${point}`)
    this.code = fault === "timeout" ? "timeout" : "injected_failure"
  }
}

export async function faultPoint(point: string): Promise<void> {
  const entry = armed.get(point)
  if (!entry) return
  if (--entry.times <= 0) armed.delete(point)
  if (entry.fault === "crash") {
    crashed.add(point)
    return new Promise<void>(() => {})
  }
  throw new InjectedFaultError(point, entry.fault)
}

/** Wraps a step's invoke with fault points before it starts and after its effect is done. */
export function withFaults<F extends (input: any, context: StepExecutionContext) => Promise<any>>(name: string, invoke: F): F {
  return (async (input: any, context: StepExecutionContext) => {
    await faultPoint(`${name}:before`)
    const result = await invoke(input, context)
    await faultPoint(`${name}:after`)
    return result
  }) as F
}
