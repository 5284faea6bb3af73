export { depth } from "./late-chain5.mjs";
