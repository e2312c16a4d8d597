import { getTranslations } from "next-intl/server"
import { ResendVerification } from "./forms/AccountForms"

/** "Verify your email" with a resend button: every checkout refuses an unverified player. */
export async function VerifyBanner({ email }: { email: string }) {
  const t = await getTranslations("account")
  return (
    <section className="notice notice-warn verify-banner" aria-labelledby="verify-h">
      <h2 id="verify-h" className="notice-title">{t("verifyTitle")}</h2>
      <p>{t("verifyBody", { email })}</p>
      <ResendVerification />
    </section>
  )
}
