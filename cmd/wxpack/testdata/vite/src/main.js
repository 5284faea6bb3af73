// The page's code: the shim from the npm package, then the scenario
// (../../scenario.js, copied in by the test).
import { wx, wxshim } from "wxsocket";
import { scenario } from "./scenario.js";

scenario(wx, wxshim, "vite");
