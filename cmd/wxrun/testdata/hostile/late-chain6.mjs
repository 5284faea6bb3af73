export { depth } from "./late-chain7.mjs";
