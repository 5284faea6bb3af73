//go:build !js

package wstest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Caps on what the transfer endpoints may be asked for: more is refused
// with 400 (a query) or 413 (a body). A file part's size has none: it is
// hashed as it comes, never held.
const (
	MaxUploadParts = 256      // /http/upload: parts of a body
	MaxFieldValue  = 64 << 10 // /http/upload: a field's value, bytes
	defaultChunk   = 16 << 10 // /http/file?ms= without chunk=
)

// transfers adds the endpoints for wx.uploadFile and wx.downloadFile, with
// CORS as the /http ones (requests.go):
//
//	/http/upload?delay=ms&status=N   reads a multipart/form-data body as it
//	                               comes and answers what it got (Upload):
//	                               the fields, each file part's name,
//	                               filename, Content-Type, size and sha256,
//	                               and the request's headers; after a delay
//	                               (<= MaxDelay), with status N
//	/http/file?size=N&type=T&name=F&length=1   N bytes of a..z (<= MaxHTTPBig)
//	                               as Content-Type T (default
//	                               application/octet-stream), with
//	                               Content-Disposition: attachment; filename=F
//	                               when F is given, with Content-Length
//	                               unless length=0 (then chunked, whatever N)
//	        &ms=M&chunk=S          slow: chunks of S bytes (default 16 KiB,
//	                               <= MaxChunkSize), each flushed, M ms apart
//	                               (the whole <= MaxHang)
//	        &stopAt=K              sends K bytes of the N (K <= N), then drops
//	                               the connection
//	        &lie=short|long        Content-Length says N/2 (short) or 2N (long,
//	                               1 for N = 0) while N bytes are sent; then
//	                               the connection is closed
func (s *Server) transfers(mux *http.ServeMux) {
	mux.HandleFunc("/http/upload", withCORS(uploadRequest))
	mux.HandleFunc("/http/file", withCORS(fileRequest))
}

// Upload is what /http/upload answers: what the sink received.
type Upload struct {
	Method string      `json:"method"`
	URI    string      `json:"uri"`
	Host   string      `json:"host"`
	Header http.Header `json:"header"` // Referer, Cookie and the page's own included
	// Fields are the parts without a filename; a name given twice has its
	// last value (Order shows both).
	Fields map[string]string `json:"fields"`
	Files  []UploadedFile    `json:"files"`
	Order  []string          `json:"order"`  // every part's name, in the body's order
	Length int64             `json:"length"` // the body's bytes, boundaries included
}

// UploadedFile is a part with a filename (an empty one included, as a
// browser sends an empty file input), as it was received.
type UploadedFile struct {
	Field       string `json:"field"`
	Filename    string `json:"filename"` // as sent: no base name taken
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

func uploadRequest(w http.ResponseWriter, r *http.Request) {
	delay, status, ok := delayAndStatus(w, r)
	if !ok {
		return
	}
	body := &countingReader{r: r.Body}
	r.Body = struct {
		io.Reader
		io.Closer
	}{body, r.Body}
	mr, err := r.MultipartReader()
	if err != nil {
		http.Error(w, "want a multipart/form-data body: "+err.Error(), http.StatusUnsupportedMediaType)
		return
	}
	u := Upload{Method: r.Method, URI: r.RequestURI, Host: r.Host, Header: r.Header, Fields: map[string]string{}, Files: []UploadedFile{}, Order: []string{}}
	for {
		p, err := mr.NextRawPart() // raw: the bytes as sent, no transfer decoding
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			http.Error(w, "multipart: "+err.Error(), http.StatusBadRequest)
			return
		}
		if len(u.Order) == MaxUploadParts {
			http.Error(w, "more than "+strconv.Itoa(MaxUploadParts)+" parts", http.StatusRequestEntityTooLarge)
			return
		}
		_, params, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
		name := params["name"]
		u.Order = append(u.Order, name)
		if filename, isFile := params["filename"]; isFile {
			h := sha256.New()
			n, err := io.Copy(h, p)
			if err != nil {
				http.Error(w, "multipart: "+err.Error(), http.StatusBadRequest)
				return
			}
			u.Files = append(u.Files, UploadedFile{Field: name, Filename: filename, ContentType: p.Header.Get("Content-Type"), Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
			continue
		}
		v, err := io.ReadAll(io.LimitReader(p, MaxFieldValue+1))
		switch {
		case err != nil:
			http.Error(w, "multipart: "+err.Error(), http.StatusBadRequest)
			return
		case len(v) > MaxFieldValue:
			http.Error(w, "field "+strconv.Quote(name)+" over "+strconv.Itoa(MaxFieldValue)+" bytes", http.StatusRequestEntityTooLarge)
			return
		}
		u.Fields[name] = string(v)
	}
	io.Copy(io.Discard, r.Body) // the epilogue, if any
	u.Length = body.n
	answerJSON(w, r, delay, status, u)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// download is what /http/file is asked for.
type download struct {
	size, sent int // sent < size: stopAt
	declared   int // Content-Length; -1: none
	chunk      int // 0: no pacing
	gap        time.Duration
	typ, disp  string
}

func fileRequest(w http.ResponseWriter, r *http.Request) {
	d, ok := askedDownload(w, r)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Type", d.typ)
	if d.disp != "" {
		h.Set("Content-Disposition", d.disp)
	}
	if d.declared >= 0 && d.declared < d.sent {
		sendRaw(w, r, d) // net/http sends no more than Content-Length says
		return
	}
	if d.declared >= 0 {
		h.Set("Content-Length", strconv.Itoa(d.declared))
	}
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	// The head goes now: without a length, a short body is then chunked
	// too (net/http would count a body that fits its buffer).
	if rc.Flush() != nil || !sendPaced(w, rc.Flush, r, d) {
		return
	}
	if d.sent < d.declared || d.sent < d.size {
		rc.Flush()
		panic(http.ErrAbortHandler) // drop the connection: the body breaks off
	}
}

// askedDownload reads /http/file's query, refusing with 400 what is out
// of bounds.
func askedDownload(w http.ResponseWriter, r *http.Request) (d download, ok bool) {
	q := r.URL.Query()
	fail := func(why string) (download, bool) {
		http.Error(w, why, http.StatusBadRequest)
		return d, false
	}
	var length, ms int
	for _, p := range []struct {
		v        *int
		name     string
		def, max int
	}{
		{&d.size, "size", 0, MaxHTTPBig}, {&length, "length", 1, 1}, {&ms, "ms", 0, MaxDelay},
		{&d.chunk, "chunk", 0, MaxChunkSize}, {&d.sent, "stopAt", -1, MaxHTTPBig},
	} {
		if *p.v, ok = param(w, r, p.name, p.def, p.max); !ok {
			return d, false
		}
	}
	if d.chunk == 0 && ms > 0 {
		d.chunk = defaultChunk
	}
	if d.chunk > 0 && (d.size/d.chunk)*ms > MaxHang {
		return fail("ms times the number of chunks: at most " + strconv.Itoa(MaxHang))
	}
	d.gap = time.Duration(ms) * time.Millisecond
	switch {
	case !q.Has("stopAt"):
		d.sent = d.size
	case d.sent > d.size:
		return fail("stopAt: at most size")
	}
	d.declared = -1
	if length == 1 {
		d.declared = d.size
	}
	switch lie := q.Get("lie"); {
	case lie == "":
	case length == 0:
		return fail("lie: a Content-Length to lie with (length=1)")
	case lie == "short" && d.size > 0:
		d.declared = d.size / 2
	case lie == "long":
		d.declared = max(2*d.size, 1)
	default:
		return fail(`lie: "short" (size 1 or more) or "long"`)
	}
	d.typ = q.Get("type")
	if d.typ == "" {
		d.typ = "application/octet-stream"
	}
	if len(d.typ) > maxSetValue || strings.ContainsFunc(d.typ, func(c rune) bool { return c < ' ' || c == 0x7f }) {
		return fail("type: at most " + strconv.Itoa(maxSetValue) + " bytes, no control character")
	}
	if name := q.Get("name"); name != "" {
		d.disp = mime.FormatMediaType("attachment", map[string]string{"filename": name})
		if d.disp == "" || len(name) > maxSetValue {
			return fail("name: a file name of at most " + strconv.Itoa(maxSetValue) + " bytes")
		}
	}
	return d, true
}

// sendPaced writes d.sent bytes of the pattern to w: at once, or in chunks
// of d.chunk, each flushed, d.gap apart. It says whether all went.
func sendPaced(w io.Writer, flush func() error, r *http.Request, d download) bool {
	step := d.sent
	if d.chunk > 0 {
		step = d.chunk
	}
	for off := 0; off < d.sent; off += step {
		if off > 0 && !sleep(r, d.gap) {
			return false
		}
		if writePattern(w, off, min(d.sent, off+step)) != nil {
			return false
		}
		if d.chunk > 0 && flush() != nil {
			return false
		}
	}
	return true
}

// writePattern writes the pattern's bytes from offset from to offset to.
func writePattern(w io.Writer, from, to int) error {
	for off := from; off < to; {
		i := off % 26
		k := min(to-off, len(pattern)-i)
		if _, err := w.Write(pattern[i : i+k]); err != nil {
			return err
		}
		off += k
	}
	return nil
}

// sendRaw answers on the bare connection, for a Content-Length shorter
// than the body, which net/http will not send; the connection is closed
// after the body.
func sendRaw(w http.ResponseWriter, r *http.Request, d download) {
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	h := w.Header()
	h.Set("Content-Length", strconv.Itoa(d.declared))
	h.Set("Connection", "close")
	exposeAll(h)
	brw.WriteString("HTTP/1.1 200 OK\r\n")
	h.Write(brw)
	brw.WriteString("\r\n")
	if sendPaced(brw, brw.Flush, r, d) {
		brw.Flush()
	}
}
