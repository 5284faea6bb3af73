package relay_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"wxsocket/internal/memstat"
	"wxsocket/internal/wstest"
)

// patternCheck checks the a..z bytes /http/big sends, as they come.
type patternCheck struct {
	n   int64
	bad int64 // offset of the first wrong byte + 1; 0: none
}

func (c *patternCheck) Write(p []byte) (int, error) {
	for i, b := range p {
		if b != byte('a'+(c.n+int64(i))%26) && c.bad == 0 {
			c.bad = c.n + int64(i) + 1
		}
	}
	c.n += int64(len(p))
	return len(p), nil
}

// A 200 MB response through the relay: every byte arrives, and the live
// memory of the process (upstream, relay and page together) grows by a few
// buffers, not by the body: the relay passes it on read by read.
func TestRequest200MBStreamsInBoundedMemory(t *testing.T) {
	const size = 200 << 20
	r := newRig(t, nil)
	for _, chunked := range []bool{false, true} {
		t.Run("chunked="+strconv.FormatBool(chunked), func(t *testing.T) {
			r.fetch(req("/http/big?size=100000"), nil).ok(t) // warm-up: connections, pools
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			u := "/http/big?size=" + strconv.Itoa(size)
			if chunked {
				u += "&chunked=1"
			}
			var check patternCheck
			var err error
			var head answerHead
			grew := memstat.Growth(func() {
				resp, perr := r.post(context.Background(), r.srv.URL+"/relay", "", req(u), http.NoBody)
				if perr != nil {
					t.Fatal(perr)
				}
				json.Unmarshal([]byte(resp.Header.Get("Wx-Relay")), &head)
				_, err = io.Copy(&check, resp.Body)
				resp.Body.Close()
			})
			runtime.ReadMemStats(&m1)
			if err != nil || check.n != size || check.bad != 0 {
				t.Fatalf("%d bytes, error %v, first wrong byte at %d", check.n, err, check.bad-1)
			}
			// The upstream's Content-Length reaches the page, before the
			// body, when it sent one: a download's expected size.
			if want := map[bool]string{false: strconv.Itoa(size), true: ""}[chunked]; head.Header["Content-Length"] != want {
				t.Errorf("the head's Content-Length %q, want %q", head.Header["Content-Length"], want)
			}
			t.Logf("200 MB through the relay: live heap and stacks grew by at most %d KiB; %.1f KiB allocated per MB passed",
				grew>>10, float64(m1.TotalAlloc-m0.TotalAlloc)/1024/200)
			if grew > 8<<20 {
				t.Errorf("memory grew by %d KiB while 200 MB streamed", grew>>10)
			}
		})
	}
}

// A 64 MiB upload streams too, of a known length and of none (chunked).
func TestRequestUploadStreamsInBoundedMemory(t *testing.T) {
	const size = 64 << 20
	r := newRig(t, nil)
	for _, known := range []bool{true, false} {
		t.Run("length known="+strconv.FormatBool(known), func(t *testing.T) {
			r.fetch(req("/http/echo"), nil).ok(t)
			h := req("/http/count")
			h["method"] = "POST"
			var a *answer
			grew := memstat.Growth(func() { a = r.upload(h, &patternReader{left: size}, known, size) })
			var got struct {
				Length int64
				SHA256 string
			}
			json.Unmarshal(a.body, &got)
			if got.Length != size || got.SHA256 != patternSHA(size) {
				t.Errorf("upstream counted %d bytes, sha256 %s", got.Length, got.SHA256)
			}
			t.Logf("64 MiB upload through the relay: live heap and stacks grew by at most %d KiB", grew>>10)
			if grew > 8<<20 {
				t.Errorf("memory grew by %d KiB while 64 MiB streamed up", grew>>10)
			}
		})
	}
}

// A 200 MB multipart/form-data upload, as wx.uploadFile sends one (a
// field, then the file), reaches the upload sink whole, through the relay,
// in bounded memory: the sink hashes the file as it comes, too.
func TestRequestMultipartUpload200MB(t *testing.T) {
	const size = 200 << 20
	r := newRig(t, nil)
	r.fetch(req("/http/echo"), nil).ok(t)
	pre := "--B0undary\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nwx\r\n" +
		"--B0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
	post := "\r\n--B0undary--\r\n"
	h := req("/http/upload")
	h["method"] = "POST"
	h["header"] = map[string]string{"Content-Type": "multipart/form-data; boundary=B0undary"}
	var a *answer
	grew := memstat.Growth(func() {
		body := io.MultiReader(strings.NewReader(pre), &patternReader{left: size}, strings.NewReader(post))
		a = r.upload(h, body, true, int64(len(pre)+size+len(post)))
	})
	var got wstest.Upload
	if err := json.Unmarshal(a.body, &got); err != nil || a.head.Status != 200 {
		t.Fatalf("%d %.200q: %v", a.head.Status, a.body, err)
	}
	want := wstest.UploadedFile{Field: "file", Filename: "big.bin", ContentType: "application/octet-stream", Size: size, SHA256: patternSHA(size)}
	if len(got.Files) != 1 || got.Files[0] != want || got.Fields["user"] != "wx" || got.Header.Get("Referer") == "" {
		t.Errorf("the sink got %+v %v", got.Files, got.Fields)
	}
	t.Logf("200 MB multipart upload through the relay: live heap and stacks grew by at most %d KiB", grew>>10)
	if grew > 8<<20 {
		t.Errorf("memory grew by %d KiB while 200 MB went up", grew>>10)
	}
}

// upload posts head and body (n bytes, its length given when known) and
// reads the whole answer, which must be the upstream's.
func (r *rig) upload(head map[string]any, body io.Reader, known bool, n int64) *answer {
	r.t.Helper()
	resp, err := r.postLength(head, body, known, n)
	if err != nil {
		r.t.Fatal(err)
	}
	return readAnswer(r.t, resp).ok(r.t)
}

// postLength posts head and body to the rig's relay, with the total length
// given when known, else chunked.
func (r *rig) postLength(head map[string]any, body io.Reader, known bool, n int64) (*http.Response, error) {
	if u, ok := head["url"].(string); ok && len(u) > 0 && u[0] == '/' {
		head["url"] = r.up.URL + u
	}
	line := append(mustJSON(head), '\n')
	hreq, err := http.NewRequest(http.MethodPost, r.srv.URL+"/relay", io.MultiReader(bytesOf(line), body))
	if err != nil {
		return nil, err
	}
	hreq.ContentLength = -1
	if known {
		hreq.ContentLength = int64(len(line)) + n
	}
	return r.client.Do(hreq)
}

// patternReader gives left bytes of a..z.
type patternReader struct{ n, left int64 }

func (p *patternReader) Read(b []byte) (int, error) {
	if p.left == 0 {
		return 0, io.EOF
	}
	k := min(int64(len(b)), p.left)
	for i := range k {
		b[i] = byte('a' + (p.n+i)%26)
	}
	p.n += k
	p.left -= k
	return int(k), nil
}

func patternSHA(n int64) string {
	h := sha256.New()
	io.Copy(h, &patternReader{left: n})
	return hex.EncodeToString(h.Sum(nil))
}

// 1,000 requests in flight at once through the relay, with no browser:
// none is lost, and what each costs the relay is measured: the process's
// live memory with 1,000 requests waiting on the upstream through the
// relay, less the same with 1,000 waiting on it directly.
func TestRequest1000Concurrent(t *testing.T) {
	const n = 1000
	r := newRig(t, nil)
	var arrived atomic.Int64
	release := make(chan struct{})
	r.extra.HandleFunc("/gate", func(w http.ResponseWriter, req *http.Request) {
		arrived.Add(1)
		<-release
		io.WriteString(w, "ok "+req.URL.Query().Get("i"))
	})
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig:     r.client.Transport.(*http.Transport).TLSClientConfig,
		MaxIdleConnsPerHost: n,
	}}
	defer client.CloseIdleConnections()
	r.client = client

	inFlight := func(name string, send func(i int) (string, error)) (perRequest int64) {
		arrived.Store(0)
		release = make(chan struct{})
		base, baseStack := heapAndStacks()
		b := memstat.StartBurst(n, send)
		// 2,000 TLS handshakes on 2 cores that other tests share: give
		// them time.
		deadline := time.Now().Add(time.Minute)
		for arrived.Load() < n && b.Lost() == 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if arrived.Load() < n {
			close(release)
			t.Fatalf("%s: %d of %d arrived, %d lost: %v", name, arrived.Load(), n, b.Lost(), b.First())
		}
		held, heldStack := heapAndStacks()
		g := runtime.NumGoroutine()
		close(release)
		if lost, first := b.Wait(); lost != 0 {
			t.Errorf("%s: %d of %d requests lost; the first: %v", name, lost, n, first)
		}
		client.CloseIdleConnections()
		per := (int64(held) - int64(base)) / n
		t.Logf("%s: %d in flight: %.1f KiB each (stacks %.1f KiB of it), %d goroutines",
			name, n, float64(per)/1024, float64(int64(heldStack)-int64(baseStack))/n/1024, g)
		return per
	}
	direct := inFlight("direct", func(i int) (string, error) {
		return memstat.ReadBody(client.Get(r.up.URL + "/gate?i=" + strconv.Itoa(i)))
	})
	relayed := inFlight("through the relay", func(i int) (string, error) {
		resp, err := r.post(context.Background(), r.srv.URL+"/relay", "", req("/gate?i="+strconv.Itoa(i)), http.NoBody)
		if err != nil {
			return "", err
		}
		if resp.Header.Get("Wx-Relay") == "" {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return "", fmt.Errorf("relay: %s %s", resp.Status, b)
		}
		return memstat.ReadBody(resp, nil)
	})
	share := relayed - direct
	t.Logf("the relay's share: %.1f KiB per request in flight", float64(share)/1024)
	if share > 96<<10 {
		t.Errorf("the relay holds %d KiB per request in flight", share>>10)
	}
}

// heapAndStacks is memstat.InUse, and the stacks' part of it.
func heapAndStacks() (total, stacks uint64) {
	total = memstat.InUse()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return total, m.StackInuse
}

func bytesOf(b []byte) io.Reader { return &sliceReader{b} }

type sliceReader struct{ b []byte }

func (s *sliceReader) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}
