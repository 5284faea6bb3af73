export { depth } from "./late-chain8.mjs";
