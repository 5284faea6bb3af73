//go:build !js

package relay

import "time"

// openFrame tells the page the upstream connection is open (relay
// protocol, step 4): the subprotocol the server chose, its handshake
// response headers, and the timings of the connection.
type openFrame struct {
	Type     string            `json:"type"` // "open"
	Protocol string            `json:"protocol"`
	Header   map[string]string `json:"header"`
	Profile  profile           `json:"profile"`
}

// profile is onOpen's profile (from base library 2.10.4), with WeChat's
// meanings: stamps in Unix epoch milliseconds, durations in milliseconds.
type profile struct {
	FetchStart        int64 `json:"fetchStart"`        // the relay starts to connect
	DomainLookUpStart int64 `json:"domainLookUpStart"` // = fetchStart when there is no lookup
	DomainLookUpEnd   int64 `json:"domainLookUpEnd"`
	ConnectStart      int64 `json:"connectStart"`
	ConnectEnd        int64 `json:"connectEnd"` // TCP and TLS done
	// RTT is the connection's own time, TCP and TLS (connectEnd - connectStart).
	RTT float64 `json:"rtt"`
	// HandshakeCost is the WebSocket handshake: request sent to 101 read.
	HandshakeCost float64 `json:"handshakeCost"`
	// Cost is the whole: fetchStart to open.
	Cost float64 `json:"cost"`
}

// timings are the moments of one dial; zero when a step did not happen.
type timings struct {
	fetch, dnsStart, dnsEnd, connectStart, connectEnd, done time.Time
}

// profile turns the moments into onOpen's figures. Stamps are computed from
// fetchStart with the monotonic clock, so they never decrease even if the
// wall clock is stepped during the dial; durations keep microseconds, which
// a loopback connection needs to show anything but zeros.
func (t timings) profile() profile {
	origin := t.fetch.UnixMicro()
	stamp := func(at time.Time) int64 {
		if at.IsZero() {
			at = t.fetch
		}
		return (origin + at.Sub(t.fetch).Microseconds()) / 1000
	}
	dnsStart, dnsEnd := t.dnsStart, t.dnsEnd
	if dnsStart.IsZero() {
		dnsStart, dnsEnd = t.fetch, t.fetch
	}
	return profile{
		FetchStart:        stamp(t.fetch),
		DomainLookUpStart: stamp(dnsStart),
		DomainLookUpEnd:   stamp(dnsEnd),
		ConnectStart:      stamp(t.connectStart),
		ConnectEnd:        stamp(t.connectEnd),
		RTT:               ms(t.connectEnd.Sub(t.connectStart)),
		HandshakeCost:     ms(t.done.Sub(t.connectEnd)),
		Cost:              ms(t.done.Sub(t.fetch)),
	}
}

// ms is d in milliseconds, to the microsecond.
func ms(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}
