import { getTranslations } from "next-intl/server"
import { Header } from "@/components/Header"
import { Footer } from "@/components/Footer"
import { getShop } from "@/lib/shop"

// Every page reads the backend at request time: nothing is fetched or prerendered at build time.
export const dynamic = "force-dynamic"

export default async function CountryLayout({
  children,
  params,
}: {
  children: React.ReactNode
  params: Promise<{ country: string }>
}) {
  const { country } = await params
  const shop = await getShop(country)
  const t = await getTranslations("common")
  return (
    <>
      <a href="#main" className="skip-link">
        {t("skipToContent")}
      </a>
      <Header shop={shop} />
      <div className="site-body">{children}</div>
      <Footer shop={shop} />
    </>
  )
}
