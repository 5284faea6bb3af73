//go:build !js

package wstest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
)

// uploadPart is one part of a test's multipart body.
type uploadPart struct {
	name, filename, contentType string
	size                        int // a file part: size bytes of the pattern
	value                       string
}

// multipartBody writes parts as a browser's FormData does, streamed
// through a pipe; it returns the body and its Content-Type.
func multipartBody(parts []uploadPart) (io.Reader, string) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		for _, p := range parts {
			h := textproto.MIMEHeader{}
			if p.filename == "" && p.size == 0 {
				h.Set("Content-Disposition", `form-data; name="`+p.name+`"`)
				w, _ := mw.CreatePart(h)
				io.WriteString(w, p.value)
				continue
			}
			h.Set("Content-Disposition", `form-data; name="`+p.name+`"; filename="`+p.filename+`"`)
			h.Set("Content-Type", p.contentType)
			w, _ := mw.CreatePart(h)
			if err := writePattern(w, 0, p.size); err != nil {
				return
			}
		}
		pw.CloseWithError(mw.Close())
	}()
	return pr, mw.FormDataContentType()
}

func patternSum(n int) string {
	h := sha256.New()
	writePattern(h, 0, n)
	return hex.EncodeToString(h.Sum(nil))
}

// The sink reports every field, and each file's name, type, size and
// checksum, with the request's headers; a body it cannot take gets 413,
// 415 or 400.
func TestUploadSink(t *testing.T) {
	srv, client := start(t)
	post := func(path string, body io.Reader, ct string, h map[string]string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL+path, body)
		req.Header.Set("Content-Type", ct)
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	const big = 3<<20 + 7
	body, ct := multipartBody([]uploadPart{
		{name: "user", value: "微信"},
		{name: "empty"},
		{name: "photo", filename: "../a b.png", contentType: "image/png", size: big},
		{name: "none", filename: "", contentType: "application/octet-stream", size: 1},
	})
	resp, b := post("/http/upload?status=201&delay=5", body, ct, map[string]string{
		"Referer": "https://servicewechat.com/wx1/0/page-frame.html", "Cookie": "sid=1", "X-Custom": "c", "Origin": "https://page.example",
	})
	var u Upload
	if err := json.Unmarshal(b, &u); err != nil || resp.StatusCode != 201 {
		t.Fatalf("%s %q: %v", resp.Status, b, err)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "https://page.example" {
		t.Errorf("no CORS: %v", resp.Header)
	}
	if u.Method != "POST" || u.URI != "/http/upload?status=201&delay=5" || u.Header.Get("Referer") != "https://servicewechat.com/wx1/0/page-frame.html" ||
		u.Header.Get("Cookie") != "sid=1" || u.Header.Get("X-Custom") != "c" {
		t.Errorf("request: %+v", u)
	}
	if len(u.Fields) != 2 || u.Fields["user"] != "微信" || u.Fields["empty"] != "" || strings.Join(u.Order, ",") != "user,empty,photo,none" {
		t.Errorf("fields %q, order %q", u.Fields, u.Order)
	}
	want := []UploadedFile{
		{Field: "photo", Filename: "../a b.png", ContentType: "image/png", Size: big, SHA256: patternSum(big)},
		{Field: "none", Filename: "", ContentType: "application/octet-stream", Size: 1, SHA256: patternSum(1)},
	}
	if len(u.Files) != 2 || u.Files[0] != want[0] || u.Files[1] != want[1] {
		t.Errorf("files %+v\nwant %+v", u.Files, want)
	}
	if u.Length < big || u.Length > big+1000 {
		t.Errorf("length %d", u.Length)
	}

	many := make([]uploadPart, MaxUploadParts+1)
	for i := range many {
		many[i] = uploadPart{name: "f" + strconv.Itoa(i), value: "v"}
	}
	for _, c := range []struct {
		name   string
		parts  []uploadPart
		status int
	}{
		{"parts at the cap", many[:MaxUploadParts], 200},
		{"a part over the cap", many, 413},
		{"a field at the cap", []uploadPart{{name: "f", value: strings.Repeat("x", MaxFieldValue)}}, 200},
		{"a field over the cap", []uploadPart{{name: "f", value: strings.Repeat("x", MaxFieldValue+1)}}, 413},
	} {
		body, ct := multipartBody(c.parts)
		if resp, b := post("/http/upload", body, ct, nil); resp.StatusCode != c.status {
			t.Errorf("%s: %s %.80q", c.name, resp.Status, b)
		}
	}
	if resp, _ := post("/http/upload", strings.NewReader("a=1"), "application/x-www-form-urlencoded", nil); resp.StatusCode != 415 {
		t.Errorf("not multipart: %s", resp.Status)
	}
	if resp, _ := post("/http/upload", strings.NewReader("--x\r\nbroken"), "multipart/form-data; boundary=x", nil); resp.StatusCode != 400 {
		t.Errorf("malformed: %s", resp.Status)
	}
	for _, q := range []string{"delay=" + strconv.Itoa(MaxDelay+1), "status=199", "status=600"} {
		body, ct := multipartBody(nil)
		if resp, _ := post("/http/upload?"+q, body, ct, nil); resp.StatusCode != 400 {
			t.Errorf("%s: %s", q, resp.Status)
		}
	}
}

// /http/file: the length, type and name asked for; a body paced in
// chunks; one that stops midway; lengths that lie either way.
func TestFileDownloads(t *testing.T) {
	srv, client := start(t)
	get := func(path string) (*http.Response, []byte, error) {
		t.Helper()
		return getAll(t, client, srv.URL+path)
	}
	var want bytes.Buffer
	writePattern(&want, 0, 100003)
	for _, c := range []struct {
		path   string
		length int64 // what Content-Length says; -1: none
		body   int   // bytes read
		broken bool  // the body breaks off
		typ    string
		disp   string
	}{
		{path: "/http/file?size=100003", length: 100003, body: 100003, typ: "application/octet-stream"},
		{path: "/http/file?size=10&length=0&type=image/png&name=x.png", length: -1, body: 10, typ: "image/png", disp: `attachment; filename=x.png`},
		{path: "/http/file?size=0&type=text/plain%3B%20charset=utf-8&name=%E5%9B%BE%20a.txt", length: 0, typ: "text/plain; charset=utf-8", disp: `attachment; filename*=utf-8''%E5%9B%BE%20a.txt`},
		{path: "/http/file?size=100003&ms=1&chunk=4099", length: 100003, body: 100003, typ: "application/octet-stream"},
		{path: "/http/file?size=100003&ms=1&length=0", length: -1, body: 100003, typ: "application/octet-stream"},
		{path: "/http/file?size=100003&stopAt=5000", length: 100003, body: 5000, broken: true, typ: "application/octet-stream"},
		{path: "/http/file?size=100003&stopAt=5000&length=0", length: -1, body: 5000, broken: true, typ: "application/octet-stream"},
		{path: "/http/file?size=100003&lie=short", length: 50001, body: 50001, typ: "application/octet-stream"},
		{path: "/http/file?size=100003&lie=short&ms=1&chunk=30000", length: 50001, body: 50001, typ: "application/octet-stream"},
		{path: "/http/file?size=100003&lie=long", length: 200006, body: 100003, broken: true, typ: "application/octet-stream"},
		{path: "/http/file?size=0&lie=long", length: 1, body: 0, broken: true, typ: "application/octet-stream"},
	} {
		resp, b, err := get(c.path)
		if resp.ContentLength != c.length || len(b) != c.body || (err != nil) != c.broken || !bytes.Equal(b, want.Bytes()[:len(b)]) {
			t.Errorf("%s: Content-Length %d, %d bytes, error %v", c.path, resp.ContentLength, len(b), err)
		}
		if c.broken && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("%s: broke off with %v", c.path, err)
		}
		if resp.Header.Get("Content-Type") != c.typ || resp.Header.Get("Content-Disposition") != c.disp {
			t.Errorf("%s: %v", c.path, resp.Header)
		}
	}
	// CORS on the raw path too, Content-Disposition exposed.
	req, _ := http.NewRequest("GET", srv.URL+"/http/file?size=10&lie=short&name=a.bin", nil)
	req.Header.Set("Origin", "https://page.example")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "https://page.example" || !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "Content-Disposition") {
		t.Errorf("lie=short's CORS: %v", resp.Header)
	}
	for _, path := range []string{
		"/http/file?size=" + strconv.Itoa(MaxHTTPBig+1),
		"/http/file?size=-1",
		"/http/file?size=10&length=2",
		"/http/file?size=10&stopAt=11",
		"/http/file?size=10&lie=maybe",
		"/http/file?size=0&lie=short",
		"/http/file?size=10&length=0&lie=short",
		"/http/file?size=1000000&ms=1000&chunk=1000",
		"/http/file?size=10&chunk=" + strconv.Itoa(MaxChunkSize+1),
		"/http/file?size=10&ms=" + strconv.Itoa(MaxDelay+1),
		"/http/file?size=10&type=a%0Ab",
		"/http/file?size=10&type=" + strings.Repeat("x", maxSetValue+1),
		"/http/file?size=10&name=" + strings.Repeat("x", maxSetValue+1),
	} {
		if resp, _, _ := get(path); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%.70s: %s, want 400", path, resp.Status)
		}
	}
}

// getAll gets url and reads the body, returning the body's error: a
// failure to get at all ends the test.
func getAll(t *testing.T, client *http.Client, url string) (*http.Response, []byte, error) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}
