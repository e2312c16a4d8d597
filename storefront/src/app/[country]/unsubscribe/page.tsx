import type { Metadata } from "next"
import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { api, ApiError, toApiError } from "@/lib/api"
import { describeError } from "@/lib/errors"
import { getShop } from "@/lib/shop"

type Props = { params: Promise<{ country: string }>; searchParams: Promise<{ token?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("unsubscribe")
  return { title: t("title"), robots: { index: false } }
}

/** Follows a mail's unsubscribe link: POST /store/mail/unsubscribe with its token (no sign-in needed). */
export default async function Unsubscribe({ params, searchParams }: Props) {
  const { country } = await params
  const c = (await getShop(country)).country.code
  const { token } = await searchParams
  const t = await getTranslations("unsubscribe")
  let error: ApiError | null = null
  if (typeof token === "string" && token.length > 0 && token.length <= 1000) {
    try {
      await api("/store/mail/unsubscribe", { method: "POST", body: { token } })
    } catch (e) {
      error = toApiError(e)
    }
  } else error = new ApiError("", 400, "unsubscribe_invalid")
  return (
    <main id="main" className="page narrow state-page">
      <h1>{error ? t("failed") : t("done")}</h1>
      <p role={error ? "alert" : "status"}>{error ? await describeError(error) : t("doneBody")}</p>
      <p className="actions">
        <Link href={`/${c}`} className="btn btn-primary">
          {t("home")}
        </Link>
      </p>
    </main>
  )
}
