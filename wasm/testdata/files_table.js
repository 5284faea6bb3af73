// NETWORK.md section 5, the file table: wxshim.files.add/get/url/remove,
// paths in the phone's form, the extension from the name or the Blob's
// type, object URLs revoked on remove, the Blob itself kept (never
// copied), 10,000 files added and removed with the table empty after.
//
// @setup
const TMP = /^wxfile:\/\/tmp_[0-9a-f]{32}\.([a-z0-9]+)$/;

// @test add gives a wxfile://tmp_<hex>.<ext> path; get gives the same Blob back
// @want [true,true,"hi"]
const b = new Blob(["hi"], {type: "text/plain"});
const p = wxshim.files.add(b);
const got = wxshim.files.get(p);
const out = [TMP.test(p), got === b, await got.text()];
wxshim.files.remove(p);
return out;

// @test the extension: {{1}}
// @each from the name's | new Blob(["x"], {type: "image/png"}), "photo.JPG" | jpg
// @each from the type when the name has none | new Blob(["x"], {type: "image/png"}), "photo" | png
// @each from the type when no name | new Blob(["x"], {type: "application/json"}) | json
// @each bin when neither says | new Blob(["x"]) | bin
// @each a File's own | new File(["x"], "doc.pdf", {type: "application/pdf"}) | pdf
// @each a name's odd extension is not taken | new Blob(["x"], {type: "text/plain"}), "a.t x t" | txt
// @want "{{3}}"
const p = wxshim.files.add({{2}});
wxshim.files.remove(p);
return TMP.exec(p)[1];

// @test add of {{1}} throws a TypeError (the shim's own API), the table unchanged
// @each a string | "x"
// @each an ArrayBuffer | new ArrayBuffer(1)
// @each undefined | undefined
// @each an object like a Blob | {size: 1, type: "", text() {}}
// @want ["TypeError",0]
const before = wxshim.debug.filesHeld();
try { wxshim.files.add({{2}}); } catch (e) { return [e.name, wxshim.debug.filesHeld() - before]; }
return ["no throw"];

// @test get, url and remove of {{1}}: undefined, undefined, false
// @each a path never added | "wxfile://tmp_00000000000000000000000000000000.txt"
// @each a number | 5
// @each undefined | undefined
// @each an object | {}
// @want [null,null,false]
const v = {{2}};
return [wxshim.files.get(v) === undefined ? null : 1, wxshim.files.url(v) === undefined ? null : 1, wxshim.files.remove(v)];

// @test url gives one object URL per file that loads the Blob; remove revokes it
// @want [true,true,"pixels",true,null,false]
const p = wxshim.files.add(new Blob(["pixels"], {type: "text/plain"}), "a.txt");
const u = wxshim.files.url(p);
const text = await (await fetch(u)).text();
const same = wxshim.files.url(p) === u;
const removed = wxshim.files.remove(p);
let loads = true;
try { await fetch(u); } catch (e) { loads = false; }
return [u.startsWith("blob:"), same, text, removed, wxshim.files.get(p) === undefined ? null : 1, loads];

// @test remove twice: true, then false
// @want [true,false]
const p = wxshim.files.add(new Blob(["x"]));
return [wxshim.files.remove(p), wxshim.files.remove(p)];

// @test wxshim.files cannot be replaced or changed
// @want [true,true]
const f = wxshim.files;
try { wxshim.files = {}; } catch (e) { /* strict mode elsewhere */ }
try { f.add = null; } catch (e) { /* frozen */ }
return [wxshim.files === f, typeof f.add === "function"];

// @test 10,000 files added, each with its URL, then removed: the table is empty, every path gone
// @want [10000,0,true,false]
const before = wxshim.debug.filesHeld();
const paths = [];
for (let i = 0; i < 10000; i++) {
  const p = wxshim.files.add(new Blob([new Uint8Array(1024)]), "f" + i + ".bin");
  wxshim.files.url(p);
  paths.push(p);
}
const held = wxshim.debug.filesHeld() - before;
const u = wxshim.files.url(paths[5000]);
for (const p of paths) wxshim.files.remove(p);
let loads = true;
try { await fetch(u); } catch (e) { loads = false; }
return [held, wxshim.debug.filesHeld() - before, paths.every((p) => wxshim.files.get(p) === undefined), loads];

// @test 10,000 paths are 10,000 different paths
// @want 10000
const paths = new Set();
for (let i = 0; i < 10000; i++) paths.add(wxshim.files.add(new Blob([])));
for (const p of paths) wxshim.files.remove(p);
return paths.size;
