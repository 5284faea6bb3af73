package main

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"wxsocket/internal/memstat"
	"wxsocket/internal/wstest"
)

// The relay under load, with no browser: an upstream echo server and the
// relay in this process on 127.0.0.1, and a thousand clients acting as
// pages. In each run, the same number of direct connections to the same
// upstream do the same work first, so that both figures come from one
// process in one moment: round trips per second, and the memory an idle
// connection costs (HeapInuse+StackInuse with the connections open, after
// collection; the relay's cost per connection is the difference between
// relayed and direct, divided by the number of connections).

type relayLoadConfig struct {
	conns, size, runs int
	load              time.Duration // of round trips, per kind and run
}

// relayLoadMode is `wxbench relay-load`.
func relayLoadMode(ctx context.Context, args []string, out io.Writer) error {
	cfg := relayLoadConfig{size: 64}
	fl := flag.NewFlagSet("relay-load", flag.ContinueOnError)
	fl.IntVar(&cfg.conns, "conns", 1000, "concurrent connections")
	fl.DurationVar(&cfg.load, "load", 3*time.Second, "how long each kind does round trips, per run")
	fl.IntVar(&cfg.runs, "runs", 3, "runs (direct, then relayed, in each)")
	requests := fl.Int("requests", 1000, "requests at once, for the relay's memory per request in flight (0 skips it)")
	transferMiB := fl.Int("transfer-mib", 200, "MiB down and up, direct then through the relay, for the relay's memory per transfer (0 skips it)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nrelay load: %d connections, %d messages of %d B in flight on each, for %v; %d runs of direct and relayed, in turn...\n",
		cfg.conns, window, cfg.size, cfg.load, cfg.runs)
	rep, err := relayLoad(ctx, cfg)
	if err != nil {
		return err
	}
	rep.print(out)
	if rep.lost != 0 || rep.swap != 0 {
		return fmt.Errorf("relay load: %d messages lost, %d reordered", rep.lost, rep.swap)
	}
	if *requests > 0 {
		if err := requestLoadRun(ctx, out, *requests); err != nil {
			return err
		}
	}
	if *transferMiB <= 0 {
		return nil
	}
	size := int64(*transferMiB) << 20
	fmt.Fprintf(out, "\nrelay load, transfers: %d MiB down and up, direct then through the relay...\n", *transferMiB)
	ts, err := measureRelayTransfers(ctx, size)
	if err != nil {
		return fmt.Errorf("relay load, transfers: %v", err)
	}
	printTransfers(out, size, ts)
	return nil
}

// requestLoadRun is relay-load's requests at once.
func requestLoadRun(ctx context.Context, out io.Writer, requests int) error {
	fmt.Fprintf(out, "\nrelay load, requests: %d at once, direct then through the relay...\n", requests)
	req, err := measureRequestLoad(ctx, requests)
	if err != nil {
		return fmt.Errorf("relay load, requests: %v", err)
	}
	req.print(out)
	if req.lost != 0 || req.lostDirect != 0 {
		return fmt.Errorf("relay load: %d requests lost through the relay, %d direct; the first: %v", req.lost, req.lostDirect, req.firstErr)
	}
	return nil
}

// loadRun is what one run measured for one kind of connection.
type loadRun struct {
	idleBytes         float64 // per connection, over the baseline
	rate              float64 // round trips per second
	trips, lost, swap int64
}

// relayLoadReport is what `wxbench relay-load` measured: the runs of each
// kind, in order.
type relayLoadReport struct {
	cfg               relayLoadConfig
	direct, relayed   []loadRun
	elapsed           time.Duration
	stoppedAfter      int   // runs done when the time budget ran out; 0: all
	trips, lost, swap int64 // relayed, over every run
}

func relayLoad(ctx context.Context, cfg relayLoadConfig) (*relayLoadReport, error) {
	rig, err := startRelayRig(nil)
	if err != nil {
		return nil, err
	}
	defer rig.close()
	up, rs := rig.up, rig.rs
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: rig.pool}}}
	first, err := json.Marshal(map[string]any{"v": 1, "secret": rig.secret, "url": up.WSS + "/echo"})
	if err != nil {
		return nil, err
	}
	dialers := map[string]func(context.Context) (*websocket.Conn, error){
		"direct": func(ctx context.Context) (*websocket.Conn, error) {
			c, _, err := websocket.Dial(ctx, up.WSS+"/echo", &websocket.DialOptions{HTTPClient: client})
			return c, err
		},
		"relayed": func(ctx context.Context) (*websocket.Conn, error) {
			c, _, err := websocket.Dial(ctx, rs.WSS+"/relay", &websocket.DialOptions{HTTPClient: client})
			if err != nil {
				return nil, err
			}
			if err := c.Write(ctx, websocket.MessageText, first); err != nil {
				return nil, err
			}
			_, b, err := c.Read(ctx)
			if err != nil || len(b) < 14 || string(b[:14]) != `{"type":"open"` {
				return nil, fmt.Errorf("relay said %s (%v)", b, err)
			}
			return c, nil
		},
	}

	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	rep := &relayLoadReport{cfg: cfg}
	start := time.Now()
	order := []string{"direct", "relayed"}
	for i := 0; i < cfg.runs; i++ {
		if i > 0 && time.Since(start) > relayBudget {
			rep.stoppedAfter = i
			break
		}
		for _, kind := range order {
			r, err := loadOnce(ctx, dialers[kind], up, cfg)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", kind, err)
			}
			if kind == "direct" {
				rep.direct = append(rep.direct, r)
			} else {
				rep.relayed = append(rep.relayed, r)
				rep.trips += r.trips
				rep.lost += r.lost
				rep.swap += r.swap
			}
		}
		order[0], order[1] = order[1], order[0] // neither kind always goes first
	}
	rep.elapsed = time.Since(start)
	return rep, nil
}

func (rep *relayLoadReport) print(out io.Writer) {
	d, r := rep.direct, rep.relayed
	if rep.stoppedAfter > 0 {
		fmt.Fprintf(out, "  (stopped after %d runs: the time budget of %v is spent)\n", rep.stoppedAfter, relayBudget)
	}
	perConn := make([]float64, len(r))
	for i := range r {
		perConn[i] = r[i].idleBytes - d[i].idleBytes
	}
	rate, drate := medianOf(r, func(x loadRun) float64 { return x.rate }), medianOf(d, func(x loadRun) float64 { return x.rate })
	extra := median(perConn)
	fmt.Fprintf(out, "  relayed: %.0f round trips/s; lost %d, reordered %d of %d\n", rate, rep.lost, rep.swap, rep.trips)
	fmt.Fprintf(out, "  direct:  %.0f round trips/s (relayed/direct %.2f)\n", drate, rate/drate)
	fmt.Fprintf(out, "  idle memory per connection: direct %.1f KiB, relayed %.1f KiB: the relay adds %.1f KiB (target <= 64)\n",
		medianOf(d, idle)/1024, medianOf(r, idle)/1024, extra/1024)
	fmt.Fprintf(out, "  medians of %d runs, %.0f s\n", len(r), rep.elapsed.Seconds())
	printLines(out, []line{
		{"relay_load_conns", float64(rep.cfg.conns), "count"},
		{"relay_load_round_trips_per_s", round(rate), "per_s"},
		{"direct_load_round_trips_per_s", round(drate), "per_s"},
		{"relay_load_ratio", round(rate / drate), "x"},
		{"relay_load_lost", float64(rep.lost), "count"},
		{"relay_load_reordered", float64(rep.swap), "count"},
		{"relay_idle_bytes_per_conn", float64(int64(extra)), "bytes"},
		{"direct_idle_bytes_per_conn", float64(int64(medianOf(d, idle))), "bytes"},
	})
}

func idle(x loadRun) float64 { return x.idleBytes }

func medianOf(rs []loadRun, f func(loadRun) float64) float64 {
	xs := make([]float64, len(rs))
	for i, r := range rs {
		xs[i] = f(r)
	}
	return median(xs)
}

// loadOnce opens cfg.conns connections, measures them idle, makes them
// work, and closes them.
func loadOnce(ctx context.Context, dial func(context.Context) (*websocket.Conn, error), up *wstest.Server, cfg relayLoadConfig) (loadRun, error) {
	var r loadRun
	base := memstat.InUse()
	conns := make([]*websocket.Conn, cfg.conns)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.CloseNow()
			}
		}
		// Wait for the servers to let go before the next measurement.
		for i := 0; i < 500 && up.Live() > 0; i++ {
			time.Sleep(10 * time.Millisecond)
		}
	}()
	if err := parallel(64, cfg.conns, func(i int) error {
		c, err := dial(ctx)
		if err != nil {
			return err
		}
		conns[i] = c
		// One round trip, so that each connection has carried a message
		// before it idles, as a real one has.
		if err := c.Write(ctx, websocket.MessageText, []byte("warm")); err != nil {
			return err
		}
		_, _, err = c.Read(ctx)
		return err
	}); err != nil {
		return r, err
	}
	r.idleBytes = float64(int64(memstat.InUse())-int64(base)) / float64(cfg.conns)

	var done, lost, swap atomic.Int64
	start := time.Now()
	deadline := start.Add(cfg.load)
	err := parallel(cfg.conns, cfg.conns, func(i int) error {
		n, l, sw, err := roundTrips(ctx, conns[i], uint64(i), cfg.size, deadline)
		done.Add(n)
		lost.Add(l)
		swap.Add(sw)
		return err
	})
	r.rate = float64(done.Load()) / time.Since(start).Seconds()
	r.trips, r.lost, r.swap = done.Load(), lost.Load(), swap.Load()
	return r, err
}

// relayBudget bounds the runs: no run starts after it (a busy machine makes
// the thousand TLS handshakes of each run slow).
const relayBudget = 25 * time.Second

// window is how many messages each connection keeps in flight.
const window = 8

// roundTrips sends numbered messages on c, window at a time, until the
// deadline, then a last one that says so; it reads the echoes and checks
// that each is the next one sent, whole. It returns the round trips done,
// the messages that never came back, and those that came out of order.
func roundTrips(ctx context.Context, c *websocket.Conn, id uint64, size int, deadline time.Time) (n, lost, swapped int64, err error) {
	const last = ^uint64(0)
	tokens := make(chan struct{}, window)
	for k := 0; k < window; k++ {
		tokens <- struct{}{}
	}
	var sent atomic.Int64
	errc := make(chan error, 1)
	go func() {
		msg := make([]byte, size)
		binary.BigEndian.PutUint64(msg[8:], id)
		for seq := uint64(0); ; seq++ {
			<-tokens
			if !time.Now().Before(deadline) {
				seq = last
			}
			binary.BigEndian.PutUint64(msg, seq)
			if err := c.Write(ctx, websocket.MessageBinary, msg); err != nil {
				errc <- err
				return
			}
			if seq == last {
				errc <- nil
				return
			}
			sent.Add(1)
		}
	}()
	for next := uint64(0); ; {
		_, b, err := c.Read(ctx)
		if err != nil {
			return n, sent.Load() - n, swapped, err
		}
		seq := binary.BigEndian.Uint64(b)
		if len(b) != size || binary.BigEndian.Uint64(b[8:]) != id || (seq != next && seq != last) {
			swapped++
		}
		if seq == last {
			return n, sent.Load() - n, swapped, <-errc
		}
		n++
		next = seq + 1
		tokens <- struct{}{}
	}
}

// parallel runs f(0..n-1) with at most width at once, and returns the first
// error.
func parallel(width, n int, f func(int) error) error {
	var wg sync.WaitGroup
	var next atomic.Int64
	var once sync.Once
	var first error
	for w := 0; w < width; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				if err := f(i); err != nil {
					once.Do(func() { first = err })
				}
			}
		}()
	}
	wg.Wait()
	return first
}
