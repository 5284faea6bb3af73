export { depth } from "./late-chain4.mjs";
