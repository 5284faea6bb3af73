import { x } from "./no-such-module.mjs";
console.log(x);
