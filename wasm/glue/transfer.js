  // ---- wx.downloadFile and wx.uploadFile (NETWORK.md sections 3 and 4),
  // on the task base (task.js). A download is read as wx.request's
  // response is (fetch.js, relayhttp.js), whole as the browser's own Blob
  // when nothing wants it as it arrives (readBlob), and lands in the file
  // table as one Blob; an upload is a multipart body of Blob parts
  // around the file's own Blob (never read into memory here), sent with
  // XMLHttpRequest, the one browser API that reports a body's progress
  // (fetch has none), to the server from the page alone; through the
  // relay, the progress is the relay's count of what reached the upstream
  // (relayProgress). ----
  const DOWNLOAD = httpAPI("downloadFile", DownloadTask, fetchSend, downloadDone,
    ["totalBytesWritten", "totalBytesExpectedToWrite"]);
  const UPLOAD = httpAPI("uploadFile", UploadTask, uploadSend, null, ["totalBytesSent", "totalBytesExpectedToSend"]);
  wx.downloadFile = function downloadFile(o) { return httpCall(DOWNLOAD, o); };
  wx.uploadFile = function uploadFile(o) { return httpCall(UPLOAD, o); };

  // readTransfer reads a download's or an upload's argument once, for Go
  // (contract.go's readTransfer): url, filePath, name (types, and the
  // strings), header and formData (non-objects noted, for Go's warning),
  // timeout. An upload's header and form values are stringified as
  // wx.request's header is (eachString), its content-type left out (the
  // multipart one is the shim's); a download's header values go as
  // String(v), as fetch would send them (the runtime does not stringify
  // them).
  glue.readTransfer = function (o, upload) {
    const F = {
      argType: "", readName: "", readMsg: "", urlType: "Undefined", url: "", filePathType: "Undefined", filePath: "",
      nameType: "Undefined", name: "", header: null, headerOK: true, headerNames: "", formData: null,
      formDataOK: true, timeout: undefined, success: undefined, fail: undefined, complete: undefined,
    };
    const get = readArg(F, o);
    if (get === null) return packFacts(F);
    const url = get("url"), header = get("header"), filePath = get("filePath");
    const name = upload ? get("name") : undefined, formData = upload ? get("formData") : undefined;
    const timeout = get("timeout");
    readURL(F, url);
    readString(F, "filePath", filePath);
    if (upload) readString(F, "name", name);
    const h = Object.create(null), names = [];
    const put = (k, v) => { if (!own(h, k)) names.push(k); h[k] = v; };
    if (upload) {
      F.headerOK = eachString(header, (k, v) => { if (k.toLowerCase() !== "content-type") put(k, v); });
      const form = Object.create(null);
      F.formDataOK = eachString(formData, (k, v) => { form[k] = v; });
      F.formData = form;
    } else if (header !== undefined && typeName(header) !== "Object") {
      F.headerOK = false;
    } else if (header !== undefined) {
      let keys = [];
      try { keys = Object.keys(header); } catch (e) { keys = []; }
      for (const k of keys) { try { put(k, String(header[k])); } catch (e) { /* a getter or toString that throws: left out */ } }
    }
    F.header = h;
    F.headerNames = names.join("\n");
    if (typeof timeout === "number") F.timeout = timeout;
    return packFacts(F);
  };

  // newTransfer makes the task of one plan (transfer.go's): to F.url, path
  // the download's filePath ("" for a temporary file) or the upload's
  // file; fail, when not "", the errMsg it fails with when sent (a
  // filePath Go refused), before any network; sent, Go's verdict made at
  // the call (task.js's sendTask).
  glue.newTransfer = function (F, upload, flags, timeout, max, path, fail, sent) {
    const R = newRecord(upload ? UPLOAD : DOWNLOAD, F, F.url, upload ? "POST" : "GET", flags, timeout, max, sent);
    R.path = path;
    R.name = F.name;
    R.form = F.formData;
    if (fail !== "") R.prep = [fail, ERRNO.network];
    return startTask(R);
  };

  // downloadDone puts a download's body in the file table, as one Blob of
  // the reads (the browser's own Blob when read whole, readBlob; Blobs of
  // a few MiB of reads each and the last reads when streamed: a Blob of
  // Blobs refers to their bytes, no copy), typed by the response's
  // Content-Type's media type as written (not the Blob's own type, which
  // the browser may have normalised), and gives its path: filePath when
  // one was given, else tempFilePath.
  function downloadDone(R, got, status, header) {
    const type = headerValue(header, "content-type").split(";")[0].trim();
    const blob = new Blob(got.parts, { type });
    got.parts.length = 0;
    if (R.path !== "") return { filePath: putFile(R.path, blob) };
    return { tempFilePath: putFile(tempPath(extOf(type)), blob) };
  }

  // readBlob reads a download's body whole as the browser's own Blob
  // (resp.blob(): the body never enters JavaScript; Chromium pipes it into
  // its blob storage, which pages a large one to disk), as fetch().blob()
  // would. Its size is checked against R.max after: within Content-Length
  // (a browser reads no more than it says) unless the body was compressed,
  // whose decoded bytes were then received before the check (into the
  // blob storage, not the page's memory). An onProgressUpdate listener
  // added during the read gets one event, the end's (100 of expected).
  async function readBlob(R, ctl, resp, expected) {
    let blob;
    try { blob = await resp.blob(); } catch (e) {
      if (R.ctl === ctl) failTask(R, "BrokenOff", R.url);
      return null;
    }
    if (R.ctl !== ctl) return null;
    const n = blob.size;
    if (n > R.max) { tooBig(R); return null; }
    progressTask(R, n, expected >= n ? expected : 0, R.api.progress);
    if (R.ctl !== ctl) return null; // a listener aborted it
    return { parts: [blob], n };
  }

  // FOLD_BYTES: a streamed download's reads are folded into a Blob every
  // FOLD_BYTES (new Blob hands the bytes to the browser's blob storage, and
  // the reads can be collected), so the page holds a few MiB of them, not
  // the whole body before its one Blob is built (downloadDone).
  const FOLD_BYTES = 4 << 20;

  // uploadSend sends R's file, when the table has it, as multipart/form-data:
  // formData's fields, then the file under name, its base name as the
  // filename, its extension's Content-Type.
  function uploadSend(R, v) {
    const file = fileBlob(R.path);
    if (file === undefined) { endTask(R, false, failRes(R, msg(R, "NoFile"), ERRNO.network)); return; }
    const b = "----WxShimFormBoundary" + tempPath("").slice(13, 29);
    const q = (s) => s.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
    const parts = [];
    for (const k of Object.keys(R.form)) parts.push("--" + b + "\r\nContent-Disposition: form-data; name=\"" + q(k) + "\"\r\n\r\n" + R.form[k] + "\r\n");
    const base = baseName(R.path);
    parts.push("--" + b + "\r\nContent-Disposition: form-data; name=\"" + q(R.name) + "\"; filename=\"" + q(base) +
      "\"\r\nContent-Type: " + typeOf(base) + "\r\n\r\n", file, "\r\n--" + b + "--\r\n");
    R.header["Content-Type"] = "multipart/form-data; boundary=" + b;
    R.body = new Blob(parts);
    if (typeof v === "string") { R.fetchURL = v; uploadXHR(R, v, null, false); return; }
    R.fetchURL = v.url;
    uploadXHR(R, v.url, relaySettings(false), false); // the relay follows an upload's redirects (choice)
  }

  // uploadXHR posts R's body to url with XMLHttpRequest: straight there
  // (G null), or to the relay G with its head line first, retried once at
  // the relay's fallback as relayPost does. Progress is of the body alone.
  // A progress query's relay is the same URL or fallback (relayTarget).
  function uploadXHR(R, url, G, retry) {
    const x = new XMLHttpRequest(), ctl = { abort() { x.abort(); } };
    R.ctl = ctl;
    const T = G === null ? { to: url, canRetry: false } : relayTarget(G, retry);
    const id = G === null ? "" : "wxup_" + tempPath("").slice(13, 45);
    const head = G === null ? "" : relayHead(R, url, "POST", G, id);
    const total = R.body.size;
    let H = null; // the answer's head, once known
    const headOf = () => {
      if (H !== null) return H;
      if (G === null) {
        const header = {};
        for (const line of x.getAllResponseHeaders().split("\r\n")) {
          const i = line.indexOf(": ");
          if (i > 0) header[line.slice(0, i).toLowerCase()] = line.slice(i + 2);
        }
        return (H = { status: x.status, header, cookies: [], m: null });
      }
      const h = x.getResponseHeader("Wx-Relay");
      if (h === null) return (H = { refused: true });
      const m = relayAnswer(R, h);
      return (H = m === null ? { failed: true } : { status: m.status, header: relayHeader(m), cookies: relayCookies(m), m });
    };
    try {
      x.open("POST", T.to);
      if (G === null) for (const k of Object.keys(R.header)) x.setRequestHeader(k, R.header[k]);
    } catch (e) {
      R.ctl = null;
      queueMicrotask(() => endTask(R, false, failRes(R, msg(R, "Fail") + message(e), ERRNO.network)));
      return;
    }
    // Progress: the body's, as the browser sends it; through the relay, as
    // the relay hands it to the upstream (its queries), not the page's leg.
    const sent = (n) => progressTask(R, Math.min(total, Math.max(0, n)), total, UPLOAD.progress);
    if (G === null) x.upload.onprogress = (e) => { if (R.ctl === ctl) sent(e.loaded); };
    else relayProgress(R, ctl, G, id, sent);
    x.onreadystatechange = () => {
      if (R.ctl !== ctl || x.readyState !== 2) return;
      const h = headOf();
      if (h.status === undefined) return;
      R.times.head = performance.now();
      emitTask(R, 0, (R.flags & RF.cookies) !== 0 ? { header: h.header, cookies: h.cookies, statusCode: h.status } : { header: h.header, statusCode: h.status });
    };
    x.onload = () => {
      if (R.ctl !== ctl) return;
      const h = headOf();
      if (h.failed) return;
      if (retry && G !== null) relayRefused.add(G.url);
      if (h.refused) { relayRefusal(R, ctl, { status: x.status, text: () => Promise.resolve(x.responseText) }, T.to); return; }
      if (G !== null) {
        sent(total); // all of it reached the upstream, which answered
        if (R.ctl !== ctl) return; // a listener aborted it: abort's fail, not success
      }
      R.ctl = null;
      const res = { data: x.responseText, statusCode: h.status, header: h.header };
      if ((R.flags & RF.cookies) !== 0) res.cookies = h.cookies;
      res.errMsg = msg(R, "Ok");
      endTask(R, true, res);
    };
    x.onerror = () => {
      if (R.ctl !== ctl) return;
      if (T.canRetry) { uploadXHR(R, url, G, true); return; }
      if (G === null) failTask(R, "BeforeResponse", R.url);
      else failTask(R, "Fail", "the relay " + T.to + " could not be reached");
    };
    R.times.fetch = performance.now();
    x.send(G === null ? R.body : new Blob([head, R.body]));
  }
