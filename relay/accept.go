//go:build !js

package relay

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/coder/websocket"
)

// ServeHTTP accepts the page's WebSocket (403 for an Origin not allowed,
// 503 while MaxPending pages wait for their first message) and returns: a
// goroutine of its own reads the page's first message, dials upstream, and
// says "open" or "failed", and two more then pipe messages until either
// side ends. A handler that stayed would keep net/http's buffers and its
// own stack, grown by a TLS handshake, for the connection's life (an idle
// relayed connection cost 73 KiB that way, about 50 KiB now; a page
// waiting for its first message 49 KiB, 27 KiB now: 5,000 idle upgrades
// took wxrelay's RSS from 9 to 252 MB, and to 144 MB now, without the
// MaxPending cap).
func (rl *Relay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		rl.serveRequest(w, r) // a page's wx.request (httpserve.go): a handshake is a GET
		return
	}
	if !rl.hostAllowed(r.Host) {
		// A page on a name that now resolves to this machine (DNS
		// rebinding) sends an Origin that matches its own Host, which the
		// Origin check alone lets through.
		rl.logf("relay: %s: refused: Host %q is neither loopback nor allowed", r.RemoteAddr, r.Host)
		http.Error(w, "relay: this Host is not served", http.StatusForbidden)
		return
	}
	if !rl.pending.enter() {
		rl.refuseBusy(w, r.RemoteAddr)
		return
	}
	hw := &hijackWriter{ResponseWriter: w}
	c, err := websocket.Accept(hw, r, &rl.accept)
	if err != nil {
		rl.leavePending()
		rl.logf("relay: %s: not accepted: %v", r.RemoteAddr, err)
		return
	}
	page := &side{c: c, raw: hw.conn, cork: hw.cork}
	go rl.serve(page, r.RemoteAddr)
}

// serve reads the page's first message, dials, says how it went, and leaves
// an open connection to the pipe's goroutines.
func (rl *Relay) serve(page *side, from string) {
	timer := time.AfterFunc(rl.opts.FirstFrameTimeout, func() {
		page.refuse(&refusal{StatusNoFirstFrame, "no first message within " + rl.opts.FirstFrameTimeout.String()})
	})
	req, ref, err := rl.readFirst(page.c)
	rl.leavePending()
	if !timer.Stop() {
		rl.logf("relay: %s: refused: no first message in time", from)
		return // refused by the timer, which also ended the read
	}
	if err != nil {
		page.drop()
		return
	}
	if ref != nil {
		rl.logf("relay: %s: refused %d: %s", from, ref.code, ref.reason)
		page.refuse(ref)
		return
	}
	page.c.SetReadLimit(-1) // messages are streamed, never held whole

	// While the dial runs, the page's reader waits on the page: if the
	// page goes away, the dial is cancelled.
	target := req.target()
	ctx, cancel := context.WithTimeout(context.Background(), rl.opts.MaxDial)
	e := &ends{}
	pr := startPageReader(page, cancel, e)
	up, err := rl.dialWithCredentials(ctx, req)
	cancel()
	if err != nil {
		pr.up <- nil
		rl.afterFailedDial(page, pr, from, target, err)
		return
	}
	if err := page.writeJSON(up.open); err != nil {
		pr.up <- nil
		up.drop()
		page.drop()
		return
	}
	rl.logf("relay: %s: open %s in %.1f ms", from, target, up.open.Profile.Cost)
	pr.up <- up.side
	go func() {
		e.copy(up.side, page, readNext(up.c))
		<-pr.done
		rl.logf("relay: %s: %s ended", from, target)
	}()
}

// afterFailedDial tells the page why, unless the page is what ended it.
func (rl *Relay) afterFailedDial(page *side, pr *pageReader, from, target string, err error) {
	select {
	case <-pr.read:
		if pr.first.err == nil {
			// Data before "open": the page broke the protocol, and would
			// not read what the relay says.
			rl.logf("relay: %s: sent data before open, and %s failed", from, target)
			page.drop()
			return
		}
		rl.logf("relay: %s: page went away while dialing %s", from, target)
		return
	default:
	}
	var de *dialError
	reason := err.Error()
	if errors.As(err, &de) {
		reason = de.reason
	}
	rl.logf("relay: %s: failed %s: %s", from, target, reason)
	page.refuse(&refusal{StatusDialFailed, reason})
}

// pageBuffer is the size of the page connection's read and write buffers.
// net/http hands a hijacked connection 4 KiB of each, which an idle relayed
// connection would hold for its whole life; frames bigger than the buffer
// are read and written past it, directly.
const pageBuffer = 1 << 10

// hijackWriter keeps the connection websocket.Accept hijacks, so that the
// relay can always cut it, even while coder/websocket waits on it, and
// gives coder/websocket smaller buffers for it.
type hijackWriter struct {
	http.ResponseWriter
	conn net.Conn
	cork *corkConn // over conn, when coder/websocket writes through it
}

func (w *hijackWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	w.conn = c
	if err != nil || brw.Reader.Buffered() > 0 {
		return c, brw, err // bytes after the request: keep net/http's buffer
	}
	w.cork = &corkConn{Conn: c}
	return w.cork, bufio.NewReadWriter(bufio.NewReaderSize(w.cork, pageBuffer), bufio.NewWriterSize(w.cork, pageBuffer)), nil
}

func (w *hijackWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
