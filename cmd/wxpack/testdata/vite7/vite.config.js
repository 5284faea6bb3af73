import { defineConfig } from "vite";

export default defineConfig({
  // The README's line for Vite 7: its dev server pre-bundles dependencies
  // into node_modules/.vite/deps/ without the wx.wasm that wx.mjs looks for
  // beside itself; excluded, wx.mjs is served from node_modules as it is.
  // (Vite 8's pre-bundling rewrites the wasm's URL: ../vite needs nothing.)
  optimizeDeps: { exclude: ["wxsocket"] },
});
