export { depth } from "./late-chain3.mjs";
