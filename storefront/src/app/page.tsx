import { redirect } from "next/navigation"
import { DEFAULT_COUNTRY } from "@/lib/i18n-config"

// The proxy sends `/` to the visitor's country; this only runs if it did not.
export default function Root() {
  redirect(`/${DEFAULT_COUNTRY}`)
}
