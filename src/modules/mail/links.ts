/** The storefront's address, where every link in a mail points (the first STORE_CORS origin by default). */
export function storefrontBase() {
  const base =
    process.env.KSTORE_STOREFRONT_URL ||
    (process.env.STORE_CORS || "http://localhost:8000").split(",")[0].trim() ||
    "http://localhost:8000"
  return base.replace(/\/+$/, "")
}

export const storefrontLink = (path: string) => `${storefrontBase()}${path.startsWith("/") ? path : `/${path}`}`
