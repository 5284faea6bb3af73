// harness-files.js: the download and upload panels. Each Download or
// Upload is one wx.downloadFile or wx.uploadFile, numbered; its task's
// events and callbacks go to the panel's log ("#N ..."), the last settled
// one fills the result, Abort aborts the last one sent. Progress is shown
// as it comes and logged at most once per 10 percent (a download of a
// megabyte has a hundred events). A downloaded file is opened by its
// object URL (wxshim.files.url), set as an attribute: what a server sends
// never becomes HTML.
"use strict";
(function (H) {
  // panel is what both panels share: their fields, a log, a numbered
  // task, its progress and its state pill.
  function panel(id, paths) {
    const root = document.getElementById(id);
    const q = (cls) => root.querySelector("." + cls);
    const p = { root, q, log: H.logger(q("log"), id), count: 0, task: null };
    for (const path of paths) {
      const o = document.createElement("option");
      o.value = location.origin + path;
      q("url").list.appendChild(o);
    }
    p.abort = () => {
      if (!p.task) { p.log("abort", "no task sent yet"); return; }
      p.log("abort", q("state").textContent);
      p.task.abort();
    };
    q("abort").onclick = p.abort;
    return p;
  }

  // common reads the fields both APIs take: url, header, timeout.
  function common(p) {
    const o = { url: p.q("url").value };
    const header = H.json(p.log, "header", p.q("header").value);
    if (header !== undefined) o.header = header;
    if (p.q("timeout").value.trim() !== "") o.timeout = Number(p.q("timeout").value);
    return o;
  }

  // start sends one task: api is "downloadFile" or "uploadFile", o its
  // options without callbacks, done(r, ok) fills the result. The task's
  // progress goes to the bar and, once per 10 percent, to the log.
  function start(p, api, o, done) {
    if (typeof wx[api] !== "function") { p.log("wx." + api, { error: "not in this build of the shim" }); return; }
    const n = ++p.count;
    const tag = "#" + n + " ";
    const state = (s) => { p.q("state").textContent = tag + s; };
    let events = 0, logged = -1;
    showProgress(p, undefined);
    o.success = (r) => { p.log(tag + "success", r); done(r, true); state("ok"); };
    o.fail = (r) => { p.log(tag + "fail", r); done(r, false); state("fail"); };
    o.complete = (r) => {
      if (events > 0) p.log(tag + "progress events", events);
      p.log(tag + "complete", { errMsg: r.errMsg });
    };
    p.log(tag + "wx." + api, { url: o.url });
    let t;
    try { t = wx[api](o); } catch (e) { p.log(tag + "wx." + api + " threw", String(e)); return; }
    if (!t) { p.log(tag + "wx." + api, "returned undefined"); return; }
    p.task = t;
    state("sent");
    const on = (name, f) => {
      if (typeof t[name] === "function") t[name](f);
      else p.log(tag + "task." + name, "absent at libVersion " + wxshim.libVersion);
    };
    on("onHeadersReceived", (r) => { state("headers"); p.log(tag + "onHeadersReceived", r); });
    on("onProgressUpdate", (r) => {
      events++;
      if (p.task === t) { state(api === "downloadFile" ? "receiving" : "sending"); showProgress(p, r); }
      // Once per 10 percent; with no length known (progress 0), the first.
      if (Math.floor(r.progress / 10) > logged) {
        logged = Math.floor(r.progress / 10);
        p.log(tag + "onProgressUpdate " + r.progress + "%", r);
      }
    });
  }

  // showProgress shows a progress event (undefined: none yet) on the bar.
  function showProgress(p, r) {
    const bar = p.q("bar"), text = p.q("progress");
    if (r === undefined) { bar.value = 0; text.textContent = ""; return; }
    const done = r.totalBytesWritten !== undefined ? r.totalBytesWritten : r.totalBytesSent;
    const all = r.totalBytesExpectedToWrite !== undefined ? r.totalBytesExpectedToWrite : r.totalBytesExpectedToSend;
    bar.value = r.progress;
    text.textContent = all > 0 ? r.progress + "% (" + done + " of " + all + " bytes)" : done + " bytes (length unknown)";
  }

  // ---- Download ----
  const dl = panel("download", ["/http/file?size=300000&type=image/png",
    "/http/file?size=1048576&type=application/pdf&name=report.pdf", "/http/file?size=300000&chunk=1000&ms=50",
    "/http/file?size=100000&length=0&chunk=5000&ms=100", "/http/file?size=100000&stopAt=50000&chunk=5000&ms=50",
    "/http/status?code=404&body=missing", "/http/echo"]);
  dl.q("url").value = location.origin + "/http/file?size=300000&type=image/png";

  // viewable: the types a new tab shows as data. A blob: URL belongs to
  // this page's origin, so HTML, SVG or XML opened in a tab would run as
  // the harness (and read its relay secret): those are saved instead.
  const viewable = /^(image\/(png|jpeg|gif|webp|bmp|avif|x-icon)|text\/plain|application\/(pdf|json)|audio\/|video\/)/i;

  // showFile shows a stored file: a link to open it (or save it, when its
  // type is not viewable), and a preview when it is an image; undefined
  // clears both. The URL is the file table's blob: URL; the type is the
  // Blob's, which is what the browser goes by.
  function showFile(path, blob) {
    const a = dl.q("open");
    const old = dl.root.querySelector("img.preview");
    if (old) old.remove();
    a.hidden = path === undefined;
    if (path === undefined) { a.removeAttribute("href"); return; }
    const u = wxshim.files.url(path);
    const name = path.slice(path.lastIndexOf("/") + 1);
    a.setAttribute("href", u);
    if (viewable.test(blob.type)) {
      a.target = "_blank";
      a.removeAttribute("download");
      a.textContent = "Open " + name;
    } else {
      a.removeAttribute("target");
      a.setAttribute("download", name);
      a.textContent = "Save " + name + " (" + (blob.type || "no type") + ": not opened here)";
    }
    if (/^image\//i.test(blob.type)) { // an <img> runs no script, SVG's included
      const img = document.createElement("img");
      img.className = "preview";
      img.alt = "the downloaded image";
      img.setAttribute("src", u);
      a.after(img);
    }
  }

  function downloaded(r, ok) {
    const q = dl.q;
    const path = ok ? (r.filePath !== undefined ? r.filePath : r.tempFilePath) : undefined;
    const blob = path !== undefined ? wxshim.files.get(path) : undefined;
    q("statusCode").textContent = ok ? String(r.statusCode) : "";
    q("path").textContent = path !== undefined ? path : "";
    q("resHeader").textContent = ok ? H.show(r.header) : "";
    q("size").textContent = blob ? blob.size + " bytes, " + (blob.type || "no type") : ok ? "not in the file table" : "";
    q("errMsg").textContent = r.errMsg + (r.errno !== undefined ? " (errno " + r.errno + ")" : "");
    showFile(blob ? path : undefined, blob);
  }

  dl.q("send").onclick = () => {
    let o;
    try { o = common(dl); } catch (e) { return; }
    const fp = dl.q("filePath").value.trim();
    if (fp !== "") o.filePath = fp;
    start(dl, "downloadFile", o, downloaded);
  };

  // ---- Upload ----
  const up = panel("upload", ["/http/upload", "/http/upload?delay=10000", "/http/upload?status=500", "/http/echo"]);
  up.q("url").value = location.origin + "/http/upload";

  // A picked file goes into the file table; its path is what uploadFile takes.
  up.q("file").onchange = () => {
    const f = up.q("file").files[0];
    if (!f) return;
    let path;
    try { path = wxshim.files.add(f, f.name); } catch (e) { up.log("wxshim.files.add threw", String(e)); return; }
    up.q("filePath").value = path;
    up.log("wxshim.files.add", { name: f.name, size: f.size, type: f.type, path });
  };

  function uploaded(r, ok) {
    const q = up.q;
    q("statusCode").textContent = ok ? String(r.statusCode) : "";
    q("resHeader").textContent = ok ? H.show(r.header) : "";
    // data is the body as a string (never parsed), shown as text.
    const d = ok ? String(r.data) : "";
    q("data").textContent = d.length > 20000 ? d.slice(0, 20000) + " …(" + d.length + ")" : d;
    q("errMsg").textContent = r.errMsg + (r.errno !== undefined ? " (errno " + r.errno + ")" : "");
  }

  up.q("send").onclick = () => {
    let o;
    try {
      o = common(up);
      const fd = H.json(up.log, "formData", up.q("formData").value);
      if (fd !== undefined) o.formData = fd;
    } catch (e) { return; }
    o.filePath = up.q("filePath").value;
    o.name = up.q("name").value;
    start(up, "uploadFile", o, uploaded);
  };
})(window.harness);
