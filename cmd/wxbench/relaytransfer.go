package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"wxsocket/internal/memstat"
	"wxsocket/internal/wstest"
	"wxsocket/relay"
)

// The relay's memory for one large file each way (issue 18: "a 200 MB
// transfer costs the relay a bounded buffer, measured"): a download from
// the upstream's /http/file and a multipart upload to its /http/upload
// sink, each first straight to the upstream, then through the relay, in
// one process (upstream, relay and client). Two figures for each: the
// peak of the live heap and stacks over what was live before (collected
// every 20 ms while the body moves: the memory the transfer holds, not
// the garbage it leaves), and the growth of the process's resident set at
// its highest (VmHWM, reset before each transfer), which counts what the
// heap figure misses (the runtime's own buffers, the kernel's view). The
// relay's share is the relayed figure less the direct one.

// transferMem is one transfer's figures.
type transferMem struct {
	kind, path       string // download or upload; direct or relay
	bytes            int64  // body bytes that arrived (download) or that the sink counted (upload)
	heapPeak, rssHWM int64
	ms               float64
}

// measureRelayTransfers moves size bytes each way, direct then through
// the relay.
func measureRelayTransfers(ctx context.Context, size int64) ([]transferMem, error) {
	rig, err := startRelayRig(nil)
	if err != nil {
		return nil, err
	}
	defer rig.close()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: rig.pool}}}
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	var out []transferMem
	for _, kind := range []string{"download", "upload"} {
		for _, path := range []string{"direct", "relay"} {
			t := transferMem{kind: kind, path: path}
			var err error
			t.heapPeak, t.rssHWM, t.ms = peakDuring(func() {
				if kind == "download" {
					t.bytes, err = rig.download(ctx, client, path == "relay", size)
				} else {
					t.bytes, err = rig.uploadMultipart(ctx, client, path == "relay", size)
				}
			})
			if err == nil && t.bytes != size {
				err = fmt.Errorf("%d bytes of %d", t.bytes, size)
			}
			if err != nil {
				return nil, fmt.Errorf("%s %s: %v", kind, path, err)
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// download reads /http/file?size=size to its end, straight or through the
// relay, and returns how many bytes came.
func (r *relayRig) download(ctx context.Context, c *http.Client, relayed bool, size int64) (int64, error) {
	u := r.up.URL + "/http/file?size=" + strconv.FormatInt(size, 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if relayed {
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, r.rs.URL+"/relay", bytes.NewReader(r.head(u, nil)))
	}
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if err := answered(resp, relayed); err != nil {
		return 0, err
	}
	return io.Copy(io.Discard, resp.Body)
}

// uploadMultipart posts a field and a file of size bytes to /http/upload,
// as wx.uploadFile does, and returns the file's size as the sink counted it.
func (r *relayRig) uploadMultipart(ctx context.Context, c *http.Client, relayed bool, size int64) (int64, error) {
	const ctype = "multipart/form-data; boundary=B0undary"
	pre := "--B0undary\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nwx\r\n" +
		"--B0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
	post := "\r\n--B0undary--\r\n"
	u := r.up.URL + "/http/upload"
	var first []byte
	to := u
	if relayed {
		first = r.head(u, map[string]any{"method": "POST", "header": map[string]string{"Content-Type": ctype}})
		to = r.rs.URL + "/relay"
	}
	body := io.MultiReader(bytes.NewReader(first), strings.NewReader(pre), io.LimitReader(zeros{}, size), strings.NewReader(post))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, to, body)
	if err != nil {
		return 0, err
	}
	req.ContentLength = int64(len(first)+len(pre)+len(post)) + size
	if relayed {
		req.Header.Set("Content-Type", "text/plain;charset=UTF-8") // what the page's XMLHttpRequest sends with a Blob of no type
	} else {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if err := answered(resp, relayed); err != nil {
		return 0, err
	}
	var got wstest.Upload
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&got); err != nil {
		return 0, err
	}
	if len(got.Files) != 1 {
		return 0, fmt.Errorf("the sink got %d files", len(got.Files))
	}
	return got.Files[0].Size, nil
}

// answered says whether resp is the upstream's 200, through the relay's
// head when relayed.
func answered(resp *http.Response, relayed bool) error {
	if !relayed {
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("upstream: %s", resp.Status)
		}
		return nil
	}
	if h := resp.Header.Get(relay.HeadHeader); !strings.Contains(h, `"status":200`) {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		return fmt.Errorf("relay: %s, %s %q: %s", resp.Status, relay.HeadHeader, h, b)
	}
	return nil
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// peakDuring runs f and returns the peak of the live heap and stacks over
// what was live before, the peak resident set over the one before (0
// where /proc cannot say), and f's time in ms.
func peakDuring(f func()) (heap, rss int64, ms float64) {
	base := memstat.InUse()
	rss0 := resetHWM()
	peak := memstat.StartPeak()
	start := time.Now()
	f()
	ms = float64(time.Since(start).Microseconds()) / 1000
	heap = int64(peak.End()) - int64(base)
	if hwm := statusKB("VmHWM"); rss0 > 0 && hwm > 0 {
		rss = hwm - rss0
	}
	return heap, rss, ms
}

// resetHWM resets the process's peak resident set to its present one
// (proc(5), clear_refs 5) and returns that, in bytes; 0 when it cannot.
func resetHWM() int64 {
	if os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) != nil {
		return 0
	}
	return statusKB("VmRSS")
}

// statusKB reads a "Name: N kB" line of /proc/self/status, in bytes.
func statusKB(name string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, name+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n << 10
		}
	}
	return 0
}

// printTransfers prints the transfers' figures, each kind's relayed
// against its direct, and their BENCH lines.
func printTransfers(out io.Writer, size int64, ts []transferMem) {
	by := map[string]transferMem{}
	for _, t := range ts {
		by[t.kind+"_"+t.path] = t
	}
	var lines []line
	for _, kind := range []string{"download", "upload"} {
		d, okD := by[kind+"_direct"]
		r, okR := by[kind+"_relay"]
		if !okD || !okR {
			continue
		}
		fmt.Fprintf(out, "  %s of %.0f MiB: through the relay, live heap and stacks at most %s over before, resident set at most %s, %.0f ms; direct %s, %s, %.0f ms: the relay's share %s (heap), %s (resident)\n",
			kind, float64(size)/(1<<20), kib(r.heapPeak), kib(r.rssHWM), r.ms, kib(d.heapPeak), kib(d.rssHWM), d.ms, kib(r.heapPeak-d.heapPeak), kib(r.rssHWM-d.rssHWM))
		for _, t := range []transferMem{d, r} {
			p := "relay_" + kind + "_" + t.path + "_"
			lines = append(lines, line{p + "heap_peak", float64(t.heapPeak), "bytes"}, line{p + "rss_peak", float64(t.rssHWM), "bytes"}, line{p + "ms", round(t.ms), "ms"})
		}
	}
	fmt.Fprintf(out, "  (one process holds the upstream, the relay and the client; the target is a bounded buffer, not the body)\n")
	printLines(out, append([]line{{"relay_transfer_bytes", float64(size), "bytes"}}, lines...))
}

func kib(n int64) string { return fmt.Sprintf("%d KiB", n>>10) }
