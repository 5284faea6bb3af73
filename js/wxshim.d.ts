// Types for the settings global that wx.js installs. The `wx` types come
// from miniprogram-api-typings.

/** What wxshim.checkUrl says of a URL, without connecting. */
export interface WxShimUrlVerdict {
  /** Whether connectSocket would accept the URL under the current settings. */
  ok: boolean;
  /** The host as the browser's URL parser (the one WebSocket uses) reads it. */
  host: string;
  /** The connectSocket failure a phone would report, when !ok. */
  errMsg?: string;
  /** Why, in a sentence. */
  why: string;
}

export interface WxShimSettings {
  /** The base-library version to emulate; default "1.6.0". */
  libVersion?: string;
  /** The legal-domain check; false is devtools' "do not verify domain names". Default true. */
  urlCheck?: boolean;
  /** Legal socket domains: "wss://api.example.com" or "api.example.com". */
  socketDomains?: string[];
  /** As in app.json: connectSocket and request timeouts in ms (default 60000). */
  networkTimeout?: { connectSocket?: number; request?: number };
  /** Sockets at once from 1.7.0; default 5. */
  maxConnections?: number;
  /** "phone" (default): close before open fails and the socket opens; "browser": it aborts. */
  closeBeforeOpen?: "phone" | "browser";
  /** Origin rewrites: connect elsewhere, check the original URL. Keys are ws(s) origins (sockets) or http(s) origins (wx.request). */
  rewrites?: Record<string, string>;
  /** A relay (cmd/wxrelay, or /relay of make serve) that sends header and the phone's Referer. */
  /** url: the relay's plain ws:// loopback listener (or its wss:// one);
   * fallback: its other URL, taken when the browser will not open url
   * (WebKit refuses ws:// to loopback from an https page). Both must be on
   * this machine (127.0.0.0/8, [::1], localhost, *.localhost): any other
   * host is refused with a warning, and nothing is sent to it. */
  relay?: { url: string; secret: string; fallback?: string };
  /** The appid in the relay's Referer; default "touristappid". */
  appid?: string;
  /** The version in the relay's Referer; default "0" (the development version). */
  appVersion?: string;
  /** Legal wx.request domains: "api.example.com", "api.example.com:8443", "https://api.example.com[:port]";
   * an entry with a port allows only URLs that write it, one without only URLs that write none. */
  requestDomains?: string[];
  /** A wx.request response body over this many bytes fails "exceed max response size"; default 209715200 (200 MiB). */
  maxResponseBytes?: number;
}

/** project.config.json and app.json shapes that configure also reads. */
export interface WxShimProjectConfig extends WxShimSettings {
  setting?: { urlCheck?: boolean };
}

/** Settings as they are in force: frozen copies of plain values, made once,
 * which cannot be changed in place (what could not be read is left out, with a warning). */
export type WxShimSettingsInForce = Readonly<WxShimSettings>;

export interface WxShim extends WxShimSettings {
  /** Resolves with wx when the shim is installed; rejects when it cannot start
   * (then every call fails with "<api>:fail wxshim could not start: <why>"). */
  readonly ready: Promise<unknown>;
  /** performance.now() when the shim became ready. */
  readonly readyAt?: number;
  /** Merge settings (flat, project.config.json or app.json shape); returns all settings. */
  configure(o: WxShimProjectConfig): WxShimSettingsInForce;
  /** The settings in force. */
  settings(): WxShimSettingsInForce;
  /** Would this URL pass connectSocket's checks on a phone? Never connects.
   * Before the shim is ready, a Promise of the same verdict. */
  checkUrl(url: string): WxShimUrlVerdict | Promise<WxShimUrlVerdict>;
  /** Set wasmUrl / execUrl before wx.js loads to load from elsewhere. */
  wasmUrl?: string;
  execUrl?: string;
  /** Set before wx.js loads: a compiled wx.wasm (or a promise of one), from
   * any same-origin window, instantiated instead of fetching wasmUrl. The
   * loader removes the key. */
  wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>;
}

declare global {
  // eslint-disable-next-line no-var
  var wxshim: WxShim;
}
