// Where wxrun sent the browser (-listen): the page's own address, and the
// relay's two URLs when -relay gives it one.
console.log("page host:", location.hostname);
const r = window.wxshim && window.wxshim.relay;
if (r) console.log("relay hosts:", new URL(r.url).hostname, new URL(r.fallback).hostname);
