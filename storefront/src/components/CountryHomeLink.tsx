"use client"

import Link from "next/link"
import { useParams } from "next/navigation"

/** A link to the current country's home (not-found pages get no params). */
export function CountryHomeLink({ className, children }: { className?: string; children: React.ReactNode }) {
  const params = useParams<{ country?: string }>()
  const country = typeof params?.country === "string" ? params.country : "us"
  return (
    <Link href={`/${country}`} className={className}>
      {children}
    </Link>
  )
}
