import type { Metadata, Viewport } from "next"
import { NextIntlClientProvider } from "next-intl"
import { getLocale, getTranslations } from "next-intl/server"
import { siteOrigin } from "@/lib/site"
import "./globals.css"

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home")
  return {
    metadataBase: new URL(await siteOrigin()),
    title: { default: t("metaTitle"), template: "%s · kstore" },
    description: t("metaDescription"),
    applicationName: "kstore",
  }
}

export const viewport: Viewport = {
  themeColor: "#0b0d13",
  colorScheme: "dark",
  width: "device-width",
  initialScale: 1,
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale()
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  )
}
