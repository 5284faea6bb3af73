// Types of the npm package's entry (wx.mjs; wx.js is the same shim as a
// classic script): `wx` and its option and result types come from
// miniprogram-api-typings, as for a mini-program; `wxshim` from wxshim.d.ts.
/// <reference types="miniprogram-api-typings" />
import type { WxShim } from "./wxshim";

export * from "./wxshim";

/** The global wx, installed when the module is imported. */
export declare const wx: WechatMiniprogram.Wx;
/** The global wxshim: settings, ready, checkUrl. */
export declare const wxshim: WxShim;
