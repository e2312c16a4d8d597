import { model } from "@medusajs/framework/utils"
import Game from "./game"

/** Base price of a game's default variant in one currency (read model of Medusa's pricing). */
const GamePrice = model
  .define("game_price", {
    id: model.id({ prefix: "gprice" }).primaryKey(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    game: model.belongsTo(() => Game, { mappedBy: "prices" }),
  })
  .indexes([{ on: ["game_id", "currency_code"], unique: true }, { on: ["currency_code", "amount"] }])

export default GamePrice
