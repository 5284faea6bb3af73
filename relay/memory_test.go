package relay_test

import (
	"context"
	"encoding/binary"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/memstat"
)

// TestPageThatStopsReadingStopsTheUpstream: an upstream pours 256 KiB
// messages at a page that reads nothing. The relay reads upstream only as
// fast as the page takes it, so the upstream soon blocks, and the memory of
// the process (relay, upstream and page together) stays flat; then the page
// reads, and nothing was lost.
func TestPageThatStopsReadingStopsTheUpstream(t *testing.T) {
	const size, limit = 256 << 10, 256 << 20
	var written atomic.Int64
	r := newRig(t, nil)
	r.extra.HandleFunc("/pour", func(w http.ResponseWriter, req *http.Request) {
		c, err := websocket.Accept(w, req, &websocket.AcceptOptions{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		defer c.CloseNow()
		msg := make([]byte, size)
		for i := uint64(0); written.Load() < limit; i++ {
			binary.BigEndian.PutUint64(msg, i)
			if err := c.Write(context.Background(), websocket.MessageBinary, msg); err != nil {
				return
			}
			written.Add(size)
		}
	})
	base := memstat.InUse()
	c, _ := r.open(first("/pour"))

	// Wait until the upstream stops getting anywhere.
	last, still := int64(-1), 0
	for still < 10 {
		time.Sleep(50 * time.Millisecond)
		n := written.Load()
		if n >= limit {
			t.Fatalf("the upstream wrote all %d MiB to a page that reads nothing: the relay queues", limit>>20)
		}
		if n == last {
			still++
		} else {
			last, still = n, 0
		}
	}
	grew := int64(memstat.InUse()) - int64(base)
	t.Logf("the upstream wrote %.1f MiB, then blocked; heap and stacks grew by %d KiB", float64(last)/(1<<20), grew>>10)
	if grew > 8<<20 {
		t.Errorf("memory grew by %d KiB while the page read nothing", grew>>10)
	}

	// Nothing was lost: the page now reads, in order.
	for i := uint64(0); i < 20; i++ {
		_, b, err := c.Read(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) != size || binary.BigEndian.Uint64(b) != i {
			t.Fatalf("message %d: %d bytes, number %d", i, len(b), binary.BigEndian.Uint64(b))
		}
	}
	c.CloseNow()
}

// Test10000RefusedAttempts: ten thousand pages the relay refuses, of every
// kind, at 8 at a time. Nothing is dialed, and memory and goroutines return
// to where they were.
func Test10000RefusedAttempts(t *testing.T) {
	r := newRig(t, nil)
	bad := []func() (string, any){
		func() (string, any) { m := first("/echo"); m["secret"] = "wrong"; return "", m },
		func() (string, any) { m := first("/echo"); delete(m, "secret"); return "", m },
		func() (string, any) { return "", `{"v":1,` },
		func() (string, any) {
			m := first("/echo")
			m["header"] = map[string]string{"X": "a\r\nb: c"}
			return "", m
		},
		func() (string, any) { m := first("/echo"); m["url"] = "https://127.0.0.1/"; return "", m },
		func() (string, any) { return "https://evil.example", nil },
	}
	var n atomic.Int64
	attempt := func(i int) {
		origin, msg := bad[i%len(bad)]()
		c, _, err := r.dialPageRaw(origin)
		if origin != "" {
			if err == nil {
				t.Errorf("Origin %s was accepted", origin)
				c.CloseNow()
			}
			n.Add(1)
			return
		}
		if err != nil {
			t.Error(err)
			return
		}
		if rep := r.sendOn(c, msg); rep.Type == "failed" {
			if code, _ := closeOf(t, c); code >= 4400 {
				n.Add(1)
			}
		}
		c.CloseNow()
	}
	run := func(from, to int) {
		var wg sync.WaitGroup
		next := atomic.Int64{}
		next.Store(int64(from))
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1)) - 1; i < to; i = int(next.Add(1)) - 1 {
					attempt(i)
				}
			}()
		}
		wg.Wait()
	}
	settle := func() int {
		var g int
		for i := 0; i < 200; i++ { // closing handshakes end within moments
			if g = runtime.NumGoroutine(); i > 0 && g <= goroutines0 {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		return g
	}

	run(0, 600) // warm-up: pools, TLS session cache, maps at their size
	goroutines0 = runtime.NumGoroutine()
	settle()
	goroutines0 = runtime.NumGoroutine()
	heap0 := memstat.InUse()
	start := time.Now()
	run(600, 10600)
	took := time.Since(start)
	g := settle()
	heap1 := memstat.InUse()
	t.Logf("10,000 refused in %v; heap+stacks %d -> %d KiB; goroutines %d -> %d", took.Round(time.Millisecond), heap0>>10, heap1>>10, goroutines0, g)
	if got := n.Load(); got != 10600 {
		t.Errorf("%d of 10,600 attempts were refused as they should be", got)
	}
	// Flat: a leak of 100 bytes per refusal would fail this.
	if int64(heap1)-int64(heap0) > 1<<20 {
		t.Errorf("memory grew by %d KiB over 10,000 refusals", (int64(heap1)-int64(heap0))>>10)
	}
	if g > goroutines0+8 {
		t.Errorf("goroutines: %d before, %d after", goroutines0, g)
	}
	nothingDialed(t, r)
	if !strings.Contains(r.logs.String(), "refused") {
		t.Error("the relay logged no refusal")
	}
}

var goroutines0 int
