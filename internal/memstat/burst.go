package memstat

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
)

// Burst is n requests sent at once, each from its own goroutine, to a
// server that holds them until released and then answers request i with
// "ok i" (the gates of the relay's memory test and of wxbench): the live
// memory per request in flight is measured while they are held.
type Burst struct {
	wg   sync.WaitGroup
	lost atomic.Int64
	// first is a Pointer, not a Value: a Value panics when a second error
	// of another type is swapped in, and requests fail in several ways.
	first atomic.Pointer[error]
}

// StartBurst starts send(i) for i from 0 to n-1; send returns the answer's
// body.
func StartBurst(n int, send func(i int) (string, error)) *Burst {
	b := &Burst{}
	for i := range n {
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			body, err := send(i)
			if err == nil && body != "ok "+strconv.Itoa(i) {
				err = fmt.Errorf("answer %q to request %d", body, i)
			}
			if err != nil {
				b.lost.Add(1)
				b.first.CompareAndSwap(nil, &err)
			}
		}()
	}
	return b
}

// Lost is how many requests have failed or answered wrong so far.
func (b *Burst) Lost() int64 { return b.lost.Load() }

// First is the first error so far, or nil.
func (b *Burst) First() error {
	if p := b.first.Load(); p != nil {
		return *p
	}
	return nil
}

// Wait waits for every request to end and returns how many were lost, and
// the first error.
func (b *Burst) Wait() (lost int64, first error) {
	b.wg.Wait()
	return b.lost.Load(), b.First()
}

// ReadBody is a send's answer from an HTTP response: its body, read whole
// and closed, or err.
func ReadBody(resp *http.Response, err error) (string, error) {
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}
