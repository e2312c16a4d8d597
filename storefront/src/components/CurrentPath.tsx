"use client"

import { usePathname, useSearchParams } from "next/navigation"

/** A hidden field with the page the visitor is on, so the prefs form can send them back to it. */
export function CurrentPath() {
  const pathname = usePathname()
  const params = useSearchParams()
  const query = params.toString()
  return <input type="hidden" name="next" value={query ? `${pathname}?${query}` : pathname} />
}
