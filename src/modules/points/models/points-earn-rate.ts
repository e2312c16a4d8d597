import { model } from "@medusajs/framework/utils"

/** Share of the cash part of a purchase earned back as points, per region (default 5%). */
const PointsEarnRate = model.define("points_earn_rate", {
  id: model.id({ prefix: "prate" }).primaryKey(),
  region_id: model.text().unique(),
  rate: model.float(),
})

export default PointsEarnRate
