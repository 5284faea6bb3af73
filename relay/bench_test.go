package relay_test

import (
	"bytes"
	"net"
	"net/http"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// BenchmarkRoundTrip measures what the relay's hop costs a round trip,
// without a browser: a coder/websocket client does sequential round trips
// with the rig's echo upstream, directly and through the relay, one of each
// in turn, so that both see the same machine at the same moment. It reports
// each path's time per round trip and relay/direct, the figure issue 9's
// target (<= 1.15) is about; cmd/wxbench measures the same from Chromium.
//
//	go test -run '^$' -bench RoundTrip -benchtime 2000x ./relay
func BenchmarkRoundTrip(b *testing.B) {
	for _, size := range []int{64, 64 << 10} {
		b.Run(sizeName(size), func(b *testing.B) { benchRoundTrip(b, size) })
	}
}

func sizeName(n int) string {
	if n >= 1<<10 {
		return itoa(n>>10) + "KiB"
	}
	return itoa(n) + "B"
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func benchRoundTrip(b *testing.B, size int) {
	r := newRig(b, nil)
	direct, _, err := websocket.Dial(ctxT(b), r.up.WSS+"/echo", &websocket.DialOptions{HTTPClient: r.client})
	if err != nil {
		b.Fatal(err)
	}
	defer direct.CloseNow()
	direct.SetReadLimit(-1)
	relayed, _ := r.open(first("/echo"))
	plain := r.plainPage(b)
	if rep := r.sendOn(plain, first("/echo")); rep.Type != "open" {
		b.Fatalf("want open, got %s", rep.raw)
	}
	msg := bytes.Repeat([]byte{0xa5}, size)
	trip := func(c *websocket.Conn) time.Duration {
		t0 := time.Now()
		if err := c.Write(ctxT(b), websocket.MessageBinary, msg); err != nil {
			b.Fatal(err)
		}
		_, got, err := c.Read(ctxT(b))
		if err != nil || len(got) != size {
			b.Fatalf("echo: %d bytes, %v", len(got), err)
		}
		return time.Since(t0)
	}
	paths := []struct {
		name string
		c    *websocket.Conn
	}{{"direct", direct}, {"relay", relayed}, {"plain", plain}}
	for range 50 { // warm-up: TLS record sizes, pools, the goroutines' stacks
		for _, p := range paths {
			trip(p.c)
		}
	}
	// Blocks of round trips on one path at a time, the paths in turn, the
	// order rotated each time; each block's wall and CPU time (the whole
	// process: client, relay and upstream) per round trip.
	const block = 50
	wall := make([][]float64, len(paths))
	cpu := make([][]float64, len(paths))
	b.ResetTimer()
	for i := 0; i < b.N; i += block {
		for j := range paths {
			k := (i/block + j) % len(paths)
			c0 := cpuTime()
			var d time.Duration
			for range block {
				d += trip(paths[k].c)
			}
			wall[k] = append(wall[k], float64(d.Microseconds())/block)
			cpu[k] = append(cpu[k], float64((cpuTime()-c0).Microseconds())/block)
		}
	}
	b.StopTimer()
	for k, p := range paths {
		b.ReportMetric(median(wall[k]), p.name+"-µs")
		b.ReportMetric(median(cpu[k]), p.name+"-cpu-µs")
		if k > 0 {
			b.ReportMetric(median(ratios(wall[k], wall[0])), p.name+"/direct")
		}
	}
}

// plainPage opens a page's WebSocket to the relay over plain ws on
// 127.0.0.1, as a browser may from an https page (loopback is potentially
// trustworthy): the page's leg without TLS.
func (r *rig) plainPage(t testing.TB) *websocket.Conn {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/relay", r.relay)
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	c, _, err := websocket.Dial(ctxT(t), "ws://"+ln.Addr().String()+"/relay", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseNow() })
	c.SetReadLimit(-1)
	return c
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return (s[(len(s)-1)/2] + s[len(s)/2]) / 2
}

func ratios(a, b []float64) []float64 {
	r := make([]float64, len(a))
	for i := range a {
		r[i] = a[i] / b[i]
	}
	return r
}
