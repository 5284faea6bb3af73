// Package memstat measures what a Go process holds live: the heap and
// stacks in use after collecting, their peak while something runs, and n
// requests held in flight at once. The relay's memory tests bound these
// figures and wxbench reports them; both measure through here, so that a
// test's bound and a benchmark's figure are the same quantity.
package memstat

import (
	"runtime"
	"time"
)

// InUse is the heap and stacks in use after collecting (three times:
// pooled buffers survive one collection).
func InUse() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// Peak collects the garbage every 20 ms while something runs and keeps
// the highest heap and stacks in use: the live memory it costs, not the
// garbage it leaves.
type Peak struct {
	stop chan struct{}
	done chan uint64
}

// StartPeak starts sampling; End stops it.
func StartPeak() *Peak {
	p := &Peak{stop: make(chan struct{}), done: make(chan uint64)}
	go func() {
		var peak uint64
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse+m.StackInuse)
			select {
			case <-p.stop:
				p.done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

// End stops the sampling and returns the highest heap and stacks in use.
func (p *Peak) End() uint64 {
	close(p.stop)
	return <-p.done
}

// Growth runs f and returns by how much the live heap and stacks grew, at
// their highest, over what was live before.
func Growth(f func()) int64 {
	base := InUse()
	p := StartPeak()
	f()
	return int64(p.End()) - int64(base)
}
