//go:build !js

package relay

import (
	"net/http"
	"runtime/debug"
	"sync"
	"time"
)

// DefaultMaxPending is Options.MaxPending's default. A browser opens far
// fewer at once (Chromium one handshake at a time per host, Firefox 200
// sockets in all), so only a flood of idle upgrades reaches it: 5,000 of
// them held 5,010 descriptors and 252 MB of RSS for the 10 s deadline
// before this cap.
const DefaultMaxPending = 256

// burstToRelease is how many pages must have waited at once (or one been
// refused) since the last release for the end of the wait to free memory:
// a burst's garbage (TLS handshakes, net/http's buffers) is otherwise
// collected, and its pages returned to the system, only when the process
// next allocates enough, or by the runtime's forced collection two
// minutes on. Ordinary traffic (a few pages at a time) never releases:
// each release is a full collection.
const burstToRelease = 64

// pending counts the pages between their upgrade and their first message,
// the one state in which a page holds the relay's memory without having
// shown the secret.
type pending struct {
	mu       sync.Mutex
	n, max   int
	peak     int // the most that waited at once since the last release
	refused  int // refused since the count was last under max
	released time.Time
}

// enter counts a page in, or says no when max pages already wait.
func (p *pending) enter() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.n >= p.max {
		p.refused++
		p.peak = max(p.peak, burstToRelease)
		return false
	}
	p.n++
	p.peak = max(p.peak, p.n)
	return true
}

// leave counts a page out, once its first message is read or it is gone.
// It returns how many pages were refused while the relay was full (when
// this page's leaving ends that), and whether the burst that just ended
// warrants giving memory back.
func (p *pending) leave() (refused int, release bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n--
	if p.n < p.max {
		refused, p.refused = p.refused, 0
	}
	if p.n == 0 && p.peak >= burstToRelease && time.Since(p.released) > time.Second {
		p.peak, p.released = 0, time.Now()
		release = true
	}
	return refused, release
}

// refuseBusy answers an upgrade the relay will not take: 503 before any
// upgrade, and the connection closed after it, so that a refused page
// holds neither a goroutine nor a descriptor. The first refusal of a full
// spell is logged; leavePending logs how many followed.
func (rl *Relay) refuseBusy(w http.ResponseWriter, from string) {
	rl.pending.mu.Lock()
	first := rl.pending.refused == 1
	rl.pending.mu.Unlock()
	if first {
		rl.logf("relay: %s: refused: %d pages wait for their first message (MaxPending); refusing more until one sends it", from, rl.opts.MaxPending)
	}
	w.Header().Set("Connection", "close")
	w.Header().Set("Retry-After", "1")
	http.Error(w, "relay: too many pages wait for their first message", http.StatusServiceUnavailable)
}

// leavePending counts a page out of the wait, logs the end of a full
// spell, and gives a burst's memory back to the system once nothing waits.
func (rl *Relay) leavePending() {
	refused, release := rl.pending.leave()
	if refused > 0 {
		rl.logf("relay: taking pages again, after refusing %d while full", refused)
	}
	if release {
		go debug.FreeOSMemory()
	}
}
