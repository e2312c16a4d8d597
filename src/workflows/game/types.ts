export * from "../../modules/game/types"
