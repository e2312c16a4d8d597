"use server"

import { redirect } from "next/navigation"
import { readCart, writeCart, CART_MAX } from "../cart"
import { findCountry } from "../regions"

const ID = /^[\w-]{1,100}$/

async function countryOf(form: FormData) {
  return (await findCountry(String(form.get("country") ?? "")))?.code ?? "us"
}

/** Adds a game to the cart cookie and shows the cart. */
export async function addToCart(form: FormData) {
  const country = await countryOf(form)
  const id = String(form.get("game") ?? "")
  const cart = await readCart()
  let full = false
  if (ID.test(id) && !cart.includes(id)) {
    if (cart.length >= CART_MAX) full = true
    else await writeCart([...cart, id])
  }
  redirect(`/${country}/cart${full ? "?full=1" : ""}`)
}

export async function removeFromCart(form: FormData) {
  const country = await countryOf(form)
  const id = String(form.get("game") ?? "")
  await writeCart((await readCart()).filter((g) => g !== id))
  redirect(`/${country}/cart`)
}

export async function clearCart(form: FormData) {
  const country = await countryOf(form)
  await writeCart([])
  redirect(`/${country}/cart`)
}
