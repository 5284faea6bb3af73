package main

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// fieldIs waits until the result field cls of panel (a selector such as
// "#download") reads s.
func fieldIs(panel, cls, s string) chromedp.Action {
	return waitFor(`document.querySelector(` + jsQuote(panel+" ."+cls) + `).textContent === ` + jsQuote(s))
}

func fieldHas(panel, cls, s string) chromedp.Action {
	return waitFor(`document.querySelector(` + jsQuote(panel+" ."+cls) + `).textContent.includes(` + jsQuote(s) + `)`)
}

// needFiles opens the harness at libVersion 3.0.0 and checks that the shim
// has wx.downloadFile, wx.uploadFile and wxshim.files, and the page the two
// panels.
func needFiles(t *testing.T, r *rig) {
	t.Helper()
	var has bool
	r.runShow(t,
		r.openHarness(),
		chromedp.Evaluate(`typeof wx.downloadFile === "function" && typeof wx.uploadFile === "function" && typeof wxshim.files === "object"
			&& document.getElementById("download") !== null && document.getElementById("upload") !== null`, &has),
	)
	if !has {
		t.Fatal("no wx.downloadFile, wx.uploadFile or wxshim.files in the shim, or no download and upload panels in the harness")
	}
	r.runShow(t,
		applyVersion("3.0.0"),
	)
}

// progressLines is how many lines of the download panel's log are the
// progress of download n.
func progressLines(log string, n int) int {
	c := 0
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, "#"+strconv.Itoa(n)+" onProgressUpdate") {
			c++
		}
	}
	return c
}

// TestHarnessDownload: the download panel downloads what its fields say,
// shows the progress (logged at most once per 10 percent), the path, the
// stored Blob's size and a preview of an image by its object URL; a
// filePath is taken; Abort fails the slow one with "downloadFile:fail abort".
func TestHarnessDownload(t *testing.T) {
	r := newRig(t)
	needFiles(t, r)
	var path, log string
	var stored, progressMax int
	var preview, open bool
	r.runShow(t,
		// 1: 300,000 bytes of "image/png" in 100 chunks: many progress events.
		setValue("#download .url", r.srv.URL+"/http/file?size=300000&type=image/png&chunk=3000&ms=2"),
		chromedp.Click("#download .send", chromedp.ByQuery),
		panelHas("#download", `#1 complete{errMsg: "downloadFile:ok"}`),
		panelHas("#download", `#1 onProgressUpdate 100%`),
		fieldIs("#download", "statusCode", "200"),
		fieldIs("#download", "errMsg", "downloadFile:ok"),
		fieldIs("#download", "progress", "100% (300000 of 300000 bytes)"),
		fieldIs("#download", "size", "300000 bytes, image/png"),
		chromedp.Evaluate(`document.querySelector("#download .path").textContent`, &path),
		chromedp.Evaluate(`wxshim.files.get(document.querySelector("#download .path").textContent).size`, &stored),
		chromedp.Evaluate(`document.querySelector("#download .bar").value`, &progressMax),
		// The preview and the link are the file's object URL, set as attributes.
		chromedp.Evaluate(`{ const u = wxshim.files.url(document.querySelector("#download .path").textContent);
			const img = document.querySelector("#download img.preview");
			u.startsWith("blob:") && img !== null && img.getAttribute("src") === u }`, &preview),
		chromedp.Evaluate(`{ const u = wxshim.files.url(document.querySelector("#download .path").textContent);
			const a = document.querySelector("#download a.open");
			!a.hidden && a.getAttribute("href") === u && a.target === "_blank" }`, &open),
		chromedp.Evaluate(panelLog("#download"), &log),
	)
	if !regexp.MustCompile(`^wxfile://tmp_[0-9a-f]{32}\.png$`).MatchString(path) {
		t.Errorf("path %q, want wxfile://tmp_<32 hex>.png", path)
	}
	if stored != 300000 || progressMax != 100 {
		t.Errorf("stored %d bytes, progress bar at %d; want 300000 and 100", stored, progressMax)
	}
	if !preview || !open {
		t.Errorf("the image preview (%v) or the link (%v) is not the file's object URL", preview, open)
	}
	if n := progressLines(log, 1); n < 2 || n > 11 {
		t.Errorf("download 1 logged %d progress lines, want 2 to 11 (one per 10 percent at most):\n%s", n, log)
	}

	var text string
	var gone bool
	r.runShow(t,
		// 2: a filePath and a header: the echo server's account, stored there.
		setValue("#download .url", r.srv.URL+"/http/echo"),
		setValue("#download .header", `{"X-Token": "download"}`),
		setValue("#download .filePath", "wxfile://usr/echo.json"),
		chromedp.Click("#download .send", chromedp.ByQuery),
		panelHas("#download", `#2 complete{errMsg: "downloadFile:ok"}`),
		fieldIs("#download", "path", "wxfile://usr/echo.json"),
		panelHas("#download", `#2 success{filePath: "wxfile://usr/echo.json"`),
		waitFor(`document.querySelector("#download img.preview") === null`),
		chromedp.Evaluate(`wxshim.files.get("wxfile://usr/echo.json").text()`, &text, awaitPromise),
		// 3: abort a slow one (300 chunks, 50 ms apart) once it has begun.
		setValue("#download .header", ""),
		setValue("#download .filePath", ""),
		setValue("#download .url", r.srv.URL+"/http/file?size=300000&type=image/png&chunk=1000&ms=50"),
		abortWhen("#download", 3, "receiving", "downloadFile"),
		fieldIs("#download", "path", ""),
		chromedp.Evaluate(`document.querySelector("#download a.open").hidden && document.querySelector("#download img.preview") === null`, &gone),
	)
	// 4: HTML from the server is saved, never opened: a blob: URL is this
	// page's origin, and the page would run it.
	const hostile = `<script>window.opener.__pwned=1</script>`
	var saved bool
	var pwned string
	r.runShow(t,
		setValue("#download .url", r.srv.URL+"/http/status?code=200&header=Content-Type:text/html&body="+url.QueryEscape(hostile)),
		chromedp.Click("#download .send", chromedp.ByQuery),
		panelHas("#download", `#4 complete{errMsg: "downloadFile:ok"}`),
		fieldHas("#download", "size", "text/html"),
		chromedp.Evaluate(`{ const a = document.querySelector("#download a.open");
			!a.hidden && a.hasAttribute("download") && !a.hasAttribute("target") && a.getAttribute("href").startsWith("blob:") }`, &saved),
		chromedp.Evaluate(`String(window.__pwned)`, &pwned),
	)
	if !saved || pwned != "undefined" {
		t.Errorf("a downloaded HTML file is offered to open (saved: %v, __pwned=%s)", saved, pwned)
	}
	if !strings.Contains(text, `"download"`) || !strings.Contains(text, `X-Token`) {
		t.Errorf("the file stored under filePath is not the echo of the header sent: %s", text)
	}
	if !gone {
		t.Error("after a failed download the previous file's link or preview is still shown")
	}
}

// TestHarnessUpload: a file picked in the upload panel is added to the
// file table and its path shown; Upload sends it with the name, formData
// and header given, and the sink's account (the file's size and sha256)
// is the result; a body that would run as HTML stays text; Abort fails
// a slow one with "uploadFile:fail abort".
func TestHarnessUpload(t *testing.T) {
	r := newRig(t)
	needFiles(t, r)
	body := make([]byte, 200000)
	for i := range body {
		body[i] = byte(i*7 + i/251)
	}
	sum := sha256.Sum256(body)
	file := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	var path string
	var sinks htmlSinks
	r.runShow(t,
		chromedp.SetUploadFiles("#upload .file", []string{file}, chromedp.ByQuery),
		waitFor(`/^wxfile:\/\/tmp_[0-9a-f]{32}\.jpg$/.test(document.querySelector("#upload .filePath").value)`),
		chromedp.Evaluate(`document.querySelector("#upload .filePath").value`, &path),
		panelHas("#upload", `wxshim.files.add{name: "photo.jpg", size: 200000`),
	)
	r.runShow(t, // path is read by now
		setValue("#upload .url", r.srv.URL+"/http/upload"),
		setValue("#upload .name", "photo"),
		setValue("#upload .formData", `{"user": "harness", "n": 1}`),
		setValue("#upload .header", `{"X-Token": "upload"}`),
		chromedp.Click("#upload .send", chromedp.ByQuery),
		panelHas("#upload", `#1 complete{errMsg: "uploadFile:ok"}`),
		panelHas("#upload", `#1 onProgressUpdate 100%`),
		fieldIs("#upload", "statusCode", "200"),
		fieldIs("#upload", "errMsg", "uploadFile:ok"),
		fieldHas("#upload", "progress", "100% ("),
		fieldHas("#upload", "data", `"size":200000,"sha256":"`+hex.EncodeToString(sum[:])+`"`),
		fieldHas("#upload", "data", `"field":"photo","filename":"`+strings.TrimPrefix(path, "wxfile://")+`","contentType":"image/jpeg"`),
		fieldHas("#upload", "data", `"fields":{"n":"1","user":"harness"}`),
		fieldHas("#upload", "data", `"X-Token":["upload"]`),
		// 2: what the server answers is data, shown as text, even markup.
		setValue("#upload .url", r.srv.URL+"/http/status?code=201&body="+url.QueryEscape(hostileHTML)),
		chromedp.Click("#upload .send", chromedp.ByQuery),
		panelHas("#upload", `#2 complete{errMsg: "uploadFile:ok"}`),
		fieldIs("#upload", "statusCode", "201"),
		fieldIs("#upload", "data", hostileHTML),
		sinks.read(),
		// 3: abort, on a sink that answers after 10 s.
		setValue("#upload .url", r.srv.URL+"/http/upload?delay=10000"),
		abortWhen("#upload", 3, "sent", "uploadFile"),
		fieldIs("#upload", "data", ""),
		// 4: a path that names no file: the runtime's message.
		setValue("#upload .filePath", "wxfile://tmp_none.jpg"),
		chromedp.Click("#upload .send", chromedp.ByQuery),
		panelHas("#upload", `#4 fail{errMsg: "uploadFile:fail fail:file doesn't exist"`),
		// The scenario box's example: a download's tempFilePath goes back up.
		setValue("#examples", "Download an image, then upload it"),
		chromedp.Click("#run", chromedp.ByQuery),
		logHas(`downloaded 200 wxfile://tmp_`),
		logHas(`.png 20000 image/png`),
	)
	sinks.check(t, "body")
}

// TestHarnessFileDomains: the settings panel's downloadFile and uploadFile
// lists reach the shim: with urlCheck on, a download from the listed host
// passes and an upload to a host not in its list fails as on a phone.
func TestHarnessFileDomains(t *testing.T) {
	r := newRig(t)
	needFiles(t, r)
	r.runShow(t,
		setChecked("#urlCheck", true),
		setValue("#downloadFileDomains", "api.example.com"),
		setValue("#uploadFileDomains", "upload.example.com"),
		chromedp.Click("#apply", chromedp.ByQuery),
		logHas(`downloadFileDomains: [0: "api.example.com"]`),
		logHas(`uploadFileDomains: [0: "upload.example.com"]`),
		setValue("#download .url", "https://api.example.com/http/file?size=1000&type=text/plain"),
		chromedp.Click("#download .send", chromedp.ByQuery),
		panelHas("#download", `#1 complete{errMsg: "downloadFile:ok"}`),
		fieldIs("#download", "size", "1000 bytes, text/plain"),
		chromedp.Evaluate(`document.querySelector("#upload .filePath").value = wxshim.files.add(new Blob(["x"]), "x.txt")`, nil),
		setValue("#upload .url", "https://api.example.com/http/upload"),
		chromedp.Click("#upload .send", chromedp.ByQuery),
		panelHas("#upload", `#1 fail{errMsg: "uploadFile:fail url not in domain list"`),
	)
}

// TestHarnessFilesRelay: with the relay box ticked, a download and an
// upload carry their header and the phone's Referer.
func TestHarnessFilesRelay(t *testing.T) {
	r := newRig(t)
	needFiles(t, r)
	const referer = "https://servicewechat.com/touristappid/0/page-frame.html"
	var text string
	r.runShow(t,
		setChecked("#relay", true),
		chromedp.Click("#apply", chromedp.ByQuery),
		logHas(`relay: {url: "ws://127.0.0.1:`),
		setValue("#download .url", r.srv.URL+"/http/echo"),
		setValue("#download .header", `{"X-Token": "download through the relay"}`),
		chromedp.Click("#download .send", chromedp.ByQuery),
		panelHas("#download", `#1 complete{errMsg: "downloadFile:ok"}`),
		chromedp.Evaluate(`wxshim.files.get(document.querySelector("#download .path").textContent).text()`, &text, awaitPromise),
		chromedp.Evaluate(`document.querySelector("#upload .filePath").value = wxshim.files.add(new Blob(["through the relay"], {type: "text/plain"}), "r.txt")`, nil),
		setValue("#upload .url", r.srv.URL+"/http/upload"),
		setValue("#upload .header", `{"X-Token": "upload through the relay"}`),
		chromedp.Click("#upload .send", chromedp.ByQuery),
		panelHas("#upload", `#1 complete{errMsg: "uploadFile:ok"}`),
		fieldHas("#upload", "data", `"Referer":["`+referer+`"]`),
		fieldHas("#upload", "data", `"X-Token":["upload through the relay"]`),
		fieldHas("#upload", "data", `"size":17,`),
	)
	if !strings.Contains(text, referer) || !strings.Contains(text, "download through the relay") {
		t.Errorf("the download through the relay did not carry its header and the phone's Referer: %s", text)
	}
}
