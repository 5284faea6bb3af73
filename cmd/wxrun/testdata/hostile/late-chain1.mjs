export { depth } from "./late-chain2.mjs";
