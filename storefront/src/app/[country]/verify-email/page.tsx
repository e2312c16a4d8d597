import type { Metadata } from "next"
import Link from "next/link"
import { getTranslations } from "next-intl/server"
import { api, ApiError, toApiError } from "@/lib/api"
import { describeError } from "@/lib/errors"
import { getSession } from "@/lib/session"
import { getShop } from "@/lib/shop"

type Props = { params: Promise<{ country: string }>; searchParams: Promise<{ token?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("verify")
  return { title: t("title"), robots: { index: false } }
}

/** Follows a mailed link: GET /store/email-verifications/:token (as the signed-in player, when there is one). */
export default async function VerifyEmail({ params, searchParams }: Props) {
  const { country } = await params
  const shop = await getShop(country)
  const c = shop.country.code
  const { token } = await searchParams
  const t = await getTranslations("verify")
  const session = await getSession()
  let ok = false
  let email = ""
  let error: ApiError | null = null
  if (typeof token === "string" && token.length > 0 && token.length < 2000) {
    try {
      const { email_verification } = await api<{ email_verification: { email: string; verified: boolean } }>(
        `/store/email-verifications/${encodeURIComponent(token)}`,
        { token: session?.token },
      )
      ok = email_verification.verified
      email = email_verification.email
    } catch (e) {
      error = toApiError(e)
    }
  } else error = new ApiError("", 400, "verification_invalid")
  const expired = error?.code === "verification_expired"
  return (
    <main id="main" className="page narrow state-page">
      <h1>{ok ? t("done") : t("failed")}</h1>
      <p role={ok ? "status" : "alert"}>{ok ? t("doneBody", { email }) : await describeError(error)}</p>
      <p className="actions">
        {session ? (
          <Link href={`/${c}/account`} className="btn btn-primary">
            {expired ? t("resendFromAccount") : t("toAccount")}
          </Link>
        ) : (
          <Link href={`/${c}/sign-in?${new URLSearchParams({ next: `/${c}/account` })}`} className="btn btn-primary">
            {t("signIn")}
          </Link>
        )}
        <Link href={`/${c}`} className="btn btn-ghost">
          {t("home")}
        </Link>
      </p>
    </main>
  )
}
