import type { Metadata } from "next"
import { getTranslations } from "next-intl/server"
import { Placeholder } from "@/components/Placeholder"

type Props = { params: Promise<{ country: string }> }

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("placeholder")
  return { title: t("cartTitle"), robots: { index: false } }
}

// TODO(cart): Medusa cart in the country's region (sdk.store.cart), `?add=<game id>` adds the game.
export default async function Cart({ params }: Props) {
  const { country } = await params
  const t = await getTranslations("placeholder")
  return <Placeholder title={t("cartTitle")} country={country} />
}
