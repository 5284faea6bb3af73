  // ---- The settings store (wxshim). Every key is an accessor: a set keeps a
  // frozen copy (so the value read back is the value in force, and cannot
  // be changed in place behind Go's back) and tells Go, which parses
  // settings once per change, never per call. Go drops what it rejects. ----
  const store = {};
  glue.store = store;
  glue.drop = function (k) { store[k] = undefined; readVersion(); };
  function readVersion() { version = parseVersion(store.libVersion) || CONTRACT.defaultVersion; }

  // plain copies v once into plain data (arrays, plain objects, primitives;
  // functions stay as given, for Go to reject), frozen, so that reading a
  // setting back, settings() and configure() never run the page's code and
  // never meet a cycle. What cannot be read (a getter or Proxy trap that
  // throws, a revoked Proxy), refers back to itself, or lies more than four
  // levels deep is left out, and a note says so; Go warns with the notes
  // (takeNotes). path names v in the notes ("networkTimeout.request").
  function plain(v, path, depth, above) {
    if (typeof v !== "object" || v === null) return v;
    if (above.includes(v)) return unread(path, "refers back to itself");
    if (depth > 4) return unread(path, "is nested more than four levels deep");
    above.push(v);
    try {
      let out;
      if (Array.isArray(v)) {
        const n = v.length;
        if (!(n <= 100000)) return unread(path, "has more than 100000 entries");
        out = [];
        for (let i = 0; i < n; i++) out.push(plain(read(v, i, path), at(path, i), depth + 1, above));
      } else {
        out = {};
        for (const k of Object.keys(v)) {
          const x = plain(read(v, k, path), at(path, k), depth + 1, above);
          if (x !== undefined) out[k] = x;
        }
      }
      return Object.freeze(out);
    } catch (e) {
      return unread(path, "could not be read (" + message(e) + ")");
    } finally {
      above.pop();
    }
  }

  // read is o[k]; a getter or trap that throws leaves k out, with a note.
  function read(o, k, path) {
    try { return o[k]; } catch (e) { return unread(at(path, k), "could not be read (" + message(e) + ")"); }
  }
  function at(path, k) { return path === "" ? k : typeof k === "number" ? path + "[" + k + "]" : path + "." + k; }

  // notes are what the settings copy left out, for Go to warn about in one
  // warning (a setting of 50 throwing getters is one, not 50): the first
  // five and how many more, taken (and emptied) by Go's configure. Written
  // here, where the list is, so the wasm carries no list formatting.
  const notes = [];
  let unreadCount = 0;
  function unread(path, why) {
    if (notes.length < 5) {
      const t = (path + " " + why).replace(/[\r\n]+/g, " ");
      notes.push(t.length > 200 ? t.slice(0, 200) + "..." : t); // as Go's clip: a key can be megabytes
    }
    unreadCount++;
    return undefined;
  }
  glue.takeNotes = () => {
    const n = unreadCount;
    if (n === 0) return "";
    const s = notes.splice(0).join(", ") + (n > 5 ? " and " + (n - 5) + " more" : "");
    unreadCount = 0;
    return s + (n > 1 ? "; they are left out." : "; it is left out.");
  };

  function keep(k, v) { store[k] = plain(v, k, 0, []); }

  // merge copies known keys from o, in the flat shape or those of
  // project.config.json ({libVersion, appid, setting: {urlCheck}}) and
  // app.json ({networkTimeout}). A key whose getter throws is left as it
  // was, with a note.
  function merge(o) {
    for (const k of CONTRACT.settings) {
      const v = read(o, k, "");
      if (v !== undefined) keep(k, v);
    }
    const s = read(o, "setting", "");
    if (typeof s === "object" && s !== null) {
      const u = read(s, "urlCheck", "setting");
      if (u !== undefined) keep("urlCheck", u);
    }
  }

  // settingsGen counts the changes of the settings: a task whose verdict
  // Go made at the call (task.js's sendTask) asks again after one.
  let settingsGen = 0;
  function changed() {
    settingsGen++;
    readVersion();
    if (bridge !== null) bridge.configure();
  }

  // The page's own wxshim (maybe frozen) is read, never changed: this one replaces it.
  const pageCfg = typeof g.wxshim === "object" && g.wxshim !== null ? g.wxshim : {};
  const cfg = {};
  for (const k of Object.keys(pageCfg)) {
    if (!CONTRACT.settings.includes(k)) { try { cfg[k] = pageCfg[k]; } catch (e) { /* a throwing getter */ } }
  }
  merge(pageCfg);
  for (const k of CONTRACT.settings) {
    Object.defineProperty(cfg, k, {
      get() { return store[k]; },
      set(v) { keep(k, v); changed(); },
      enumerable: true, configurable: false,
    });
  }
  cfg.configure = function (o) {
    if (typeof o === "object" && o !== null) { merge(o); changed(); }
    return cfg.settings();
  };
  cfg.settings = function () {
    const out = {};
    for (const k of CONTRACT.settings) out[k] = store[k];
    return out;
  };
  // checkUrl answers at once when Go is there; before, it returns a Promise
  // of the same answer, given when Go is ready (await works either way).
  cfg.checkUrl = function (u) {
    if (bridge !== null) return bridge.checkUrl(u);
    if (startFailure !== "") return Promise.reject(new Error("wxshim could not start: " + startFailure));
    return whenReady(() => bridge.checkUrl(u), null);
  };
  Object.defineProperty(cfg, "__glue", { value: true });
  // __tasksOpen is how many HTTP tasks (wx.request, wx.downloadFile,
  // wx.uploadFile) have not ended (queued or in
  // flight), for a runner that waits for a page's work to end (wxrun: a
  // task's fetch, body reads and timers are the shim's, which a runner
  // cannot tell from the shim's own loading). Not enumerable, not a setting.
  Object.defineProperty(cfg, "__tasksOpen", { value: () => glue.requestsOpen() });
  readVersion();
