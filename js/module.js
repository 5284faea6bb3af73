/* module.js: the middle of build/wx.mjs, the ES module entry of the npm
 * package (wasm_exec.js, wasm/glue.js, this file, then the loader js/wx.js).
 * Importing it starts the shim, as the classic wx.js does.
 *
 * The wasm's URL is written the one way every bundler understands:
 * new URL("./wx.wasm", import.meta.url). webpack 5 and Vite's production
 * build see it, ship wx.wasm as an asset and put its final URL here; a page
 * that imports this file unbundled (or through Vite's dev server) fetches
 * the wx.wasm that sits beside it. wxshim.wasmUrl, set before this module
 * runs, still wins (the loader reads it first): a wasm served from a CDN.
 */
const wxshimGlue = globalThis.__wxshimGlue;
// A bundle of another format (esbuild's iife) has no import.meta.url: then
// the loader looks beside the script, as for wx.js.
if (wxshimGlue && !wxshimGlue.loading && import.meta.url) wxshimGlue.wasmUrl = new URL("./wx.wasm", import.meta.url).href;

/** The globals the glue has just installed, for code that prefers imports. */
export const wx = globalThis.wx;
export const wxshim = globalThis.wxshim;
