  // ---- The file table (NETWORK.md section 5): a phone's temporary files,
  // held as the browser's Blobs under paths in the phone's form
  // ("wxfile://tmp_<hex>.<ext>"). Downloads land here, uploads read from
  // here, and a page adds its own (wxshim.files.add). A body is never
  // copied through Go or the wasm's memory: the table holds the Blob the
  // browser made. ----
  const fileTable = new Map(); // path -> {blob, url}: url is the object URL made, or ""

  // MIME_EXT: the extensions a Content-Type gives a downloaded file's path,
  // and (the first of each extension) the Content-Type an uploaded file's
  // extension gives its part.
  const MIME_EXT = [
    ["image/png", "png"], ["image/jpeg", "jpg"], ["image/jpg", "jpg"], ["image/gif", "gif"], ["image/webp", "webp"],
    ["image/svg+xml", "svg"], ["image/bmp", "bmp"], ["image/x-icon", "ico"], ["image/heic", "heic"],
    ["text/plain", "txt"], ["text/html", "html"], ["text/css", "css"], ["text/csv", "csv"], ["text/xml", "xml"],
    ["application/xml", "xml"], ["application/json", "json"], ["text/javascript", "js"],
    ["application/javascript", "js"], ["application/pdf", "pdf"], ["application/zip", "zip"],
    ["audio/mpeg", "mp3"], ["audio/mp4", "m4a"], ["audio/aac", "aac"], ["audio/wav", "wav"], ["audio/ogg", "ogg"],
    ["video/mp4", "mp4"], ["video/webm", "webm"], ["video/quicktime", "mov"],
    ["application/octet-stream", "bin"],
  ];

  // extOf is the extension of a Content-Type: the table's; else a short
  // plain subtype ("image/avif": "avif"); else "bin" (choice: a phone's
  // path always has one).
  function extOf(type) {
    const t = String(type || "").split(";")[0].trim().toLowerCase();
    for (const [m, e] of MIME_EXT) if (m === t) return e;
    const sub = /^[a-z]+\/([a-z0-9]{1,8})$/.exec(t);
    return sub !== null ? sub[1] : "bin";
  }

  // typeOf is the Content-Type of a file name's extension, or
  // application/octet-stream.
  function typeOf(name) {
    const dot = name.lastIndexOf(".");
    const e = dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
    for (const [m, x] of MIME_EXT) if (x === e) return m;
    return "application/octet-stream";
  }

  // baseName is what follows a path's last "/".
  function baseName(path) { return path.slice(path.lastIndexOf("/") + 1); }

  // tempPath is a new temporary file's path: 128 random bits, as hex.
  function tempPath(ext) {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    let h = "";
    for (const x of b) h += (x < 16 ? "0" : "") + x.toString(16);
    return "wxfile://tmp_" + h + "." + ext;
  }

  // putFile keeps blob under path, replacing (and releasing) what was there.
  function putFile(path, blob) {
    dropFile(path);
    fileTable.set(path, { blob, url: "" });
    return path;
  }
  function dropFile(path) {
    const e = fileTable.get(path);
    if (e === undefined) return false;
    if (e.url !== "") { try { URL.revokeObjectURL(e.url); } catch (x) { /* */ } }
    fileTable.delete(path);
    return true;
  }
  function fileBlob(path) {
    const e = typeof path === "string" ? fileTable.get(path) : undefined;
    return e === undefined ? undefined : e.blob;
  }

  // wxshim.files: the page's way in. add takes a Blob or File (from an
  // <input type=file>, a canvas, a fetch) and gives its path, with the
  // extension of name when it has a short one, else of the Blob's type;
  // get gives the Blob back, url an object URL for <img src> (one per
  // file, revoked when it is removed), remove frees it (true when there
  // was one). Anything but a Blob is a TypeError: this is the shim's own
  // API, not the phone's.
  const files = Object.freeze({
    add(blob, name) {
      if (!(blob instanceof Blob)) throw new TypeError("wxshim.files.add: a Blob or File is needed, not " + typeName(blob));
      const m = typeof name === "string" ? /\.([A-Za-z0-9]{1,10})$/.exec(name) : null;
      return putFile(tempPath(m !== null ? m[1].toLowerCase() : extOf(blob.type)), blob);
    },
    get: (path) => fileBlob(path),
    url(path) {
      const e = typeof path === "string" ? fileTable.get(path) : undefined;
      if (e === undefined) return undefined;
      if (e.url === "") e.url = URL.createObjectURL(e.blob);
      return e.url;
    },
    remove: (path) => typeof path === "string" && dropFile(path),
  });
  Object.defineProperty(cfg, "files", { value: files, enumerable: true });
  glue.filesHeld = () => fileTable.size; // the test build's wxshim.debug
