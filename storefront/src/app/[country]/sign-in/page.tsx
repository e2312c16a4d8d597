import type { Metadata } from "next"
import { getTranslations } from "next-intl/server"
import { Placeholder } from "@/components/Placeholder"

type Props = { params: Promise<{ country: string }>; searchParams: Promise<{ next?: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("placeholder")
  return { title: t("signInTitle"), robots: { index: false } }
}

// TODO(account): sign-in / sign-up (POST /auth/customer/emailpass, POST /store/accounts), then `next`.
export default async function SignIn({ params, searchParams }: Props) {
  const { country } = await params
  const { next } = await searchParams
  const t = await getTranslations("placeholder")
  return <Placeholder title={t("signInTitle")} country={country} next={typeof next === "string" ? next : undefined} />
}
