// webpack 5 needs no setting for the shim: it follows
// new URL("./wx.wasm", import.meta.url) in wx.mjs and emits the wasm.
const path = require("path");

module.exports = {
  mode: "production",
  entry: "./src/main.js",
  output: { path: path.resolve(__dirname, "dist"), filename: "main.js", clean: true },
};
