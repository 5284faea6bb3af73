export { depth } from "./late-chain6.mjs";
