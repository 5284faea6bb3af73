//go:build js && wasm

package main

import "testing"

// faultCase connects to path, records every event until the socket is
// closed (plus a quiet 100 ms for stragglers), then checks that a fresh
// connectSocket still works. It returns [events, next works].
func faultCase(path, setup string) string {
	return `
wxshim.urlCheck = false;
` + setup + `
const r = rec();
const task = wx.connectSocket({url: ECHO + "` + path + `"});
task.onOpen(r("open"));
task.onError((res) => r("error")(res.errMsg.startsWith("createSocketTask:fail ") ? (res.errMsg.includes("timeout") ? res : "createSocketTask:fail ...") : res));
task.onClose(r("close"));
task.onMessage((res) => r("message")(typeof res.data === "string" ? res.data.length : res.data.byteLength));
await until(() => task.readyState === 3, 10000);
await sleep(100);
const next = wx.connectSocket({url: echo()});
let echoed = false;
next.onOpen(() => next.send({data: "again"}));
next.onMessage((res) => { echoed = res.data === "again"; });
await until(() => echoed);
return [r.log, echoed];`
}

func TestReliabilityFaults(t *testing.T) {
	rows := []scenario{
		{"handshake refused with 403", faultCase("/refuse?status=403", ""),
			`[[["error","createSocketTask:fail ..."],["close",{"code":1006,"reason":""}]],true]`},
		{"handshake refused with 500", faultCase("/refuse?status=500", ""),
			`[[["error","createSocketTask:fail ..."],["close",{"code":1006,"reason":""}]],true]`},
		{"handshake never answered: the connect timeout", faultCase("/hang", `wxshim.networkTimeout = {connectSocket: 300};`),
			`[[["error",{"errMsg":"createSocketTask:fail timeout"}],["close",{"code":1006,"reason":"timeout"}]],true]`},
		{"TCP dropped in the middle of a message", faultCase("/drop", ""),
			`[[["open",{}],["error","createSocketTask:fail ..."],["close",{"code":1006,"reason":""}]],true]`},
	}
	for _, c := range []string{"1000", "1001", "1008", "1011", "3000", "4999"} {
		rows = append(rows, scenario{"closed right after open with " + c, faultCase("/closeafteropen?code="+c+"&reason=r"+c, ""),
			`[[["open",{}],["close",{"code":` + c + `,"reason":"r` + c + `"}]],true]`})
	}
	for _, typ := range []string{"text", "binary"} {
		rows = append(rows, scenario{"a 16 MiB " + typ + " message from the server, then 16 MiB back", `
wxshim.urlCheck = false;
const r = rec();
const task = wx.connectSocket({url: ECHO + "/big?size=16777216&type=` + typ + `"});
const got = [];
task.onMessage((res) => got.push(res.data));
await until(() => got.length === 1, 30000);
const first = got[0];
const n = typeof first === "string" ? first.length : first.byteLength;
const sample = typeof first === "string" ? first.slice(0, 3) + first.slice(-2) : Array.from(new Uint8Array(first, first.byteLength - 2));
task.send({data: first, success: r("sent")});
await until(() => got.length === 2, 30000);
const back = got[1];
const same = typeof first === "string" ? back === first : back.byteLength === first.byteLength && new Uint8Array(back)[12345] === new Uint8Array(first)[12345];
return [typeof first, n, sample, r.log, same];`,
			map[string]string{
				"text":   `["string",16777216,"abcmn",[["sent",{"errMsg":"sendSocketMessage:ok"}]],true]`,
				"binary": `["object",16777216,[109,110],[["sent",{"errMsg":"sendSocketMessage:ok"}]],true]`,
			}[typ]})
	}
	rows = append(rows, scenario{"echo with a 200 ms delay", `
wxshim.urlCheck = false;
const task = wx.connectSocket({url: ECHO + "/echo?delay=200"});
let t0, ms;
task.onOpen(() => { t0 = Date.now(); task.send({data: "slow"}); });
task.onMessage(() => { ms = Date.now() - t0; });
await until(() => ms !== undefined);
return ms >= 190;`, `true`})
	rows = append(rows, scenario{"a flood of 100,000 numbered messages arrives whole and in order", `
wxshim.urlCheck = false;
const n = 100000;
const task = wx.connectSocket({url: ECHO + "/flood?n=" + n + "&tag=f"});
let next = 0, bad = 0;
task.onMessage((res) => { if (res.data !== "f:" + next) bad++; next++; });
await until(() => next >= n, 60000);
await sleep(100);
return [next, bad];`, `[100000,0]`})
	group(t, "faults", rows)
}
