//go:build !js

package browsers

import (
	"errors"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// A browser runs in a process group of its own (spawn), so that Close can
// end everything it forked; but then a signal sent to the group of the
// command that started it (a terminal's Ctrl-C, a time limit) does not
// reach it, and a command killed by its signal left its browser running
// with parent 1: a headless Firefox was still there half an hour after
// `make bench` was stopped by a SIGTERM. So every Browser, and whatever a
// caller hands OnSignal, is ended when the process gets SIGINT or SIGTERM.

// OnSignal makes f run when this process gets SIGINT or SIGTERM, and
// returns the function that undoes that. Once every f has returned, the
// process ends as the signal would have ended it, unless it handles that
// signal itself (signal.Notify), in which case its own handling goes on.
// Once the signal has come, OnSignal runs f at once: a process on its way
// out starts no browser (Start and Spawn then fail). Start does this for
// every Browser; a command that starts a browser another way (a chromedp
// allocator, a go test that runs one) hands its end here.
func OnSignal(f func()) (undo func()) {
	signals.mu.Lock()
	if signals.came {
		signals.mu.Unlock()
		f()
		return func() {}
	}
	defer signals.mu.Unlock()
	if signals.fs == nil {
		signals.fs = map[int]func(){}
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
		go endOnSignal(ch)
	}
	id := signals.next
	signals.next++
	signals.fs[id] = f
	return func() {
		signals.mu.Lock()
		defer signals.mu.Unlock()
		delete(signals.fs, id)
	}
}

// Ended reports whether this process has got SIGINT or SIGTERM: a
// command on its way out starts nothing more (a test rig checks it before
// it makes a browser of its own).
func Ended() bool {
	signals.mu.Lock()
	defer signals.mu.Unlock()
	return signals.came
}

var signals struct {
	mu   sync.Mutex
	next int
	fs   map[int]func() // nil until the first OnSignal
	came bool           // the signal has come
}

// errSignalled is why Start and Spawn fail once the signal has come.
var errSignalled = errors.New("browsers: not started: this process got SIGINT or SIGTERM")

// endOnSignal waits for the signal, runs every f at once, then lets the
// signal do what it would have done.
func endOnSignal(ch chan os.Signal) {
	sig := <-ch
	signals.mu.Lock()
	fs := signals.fs
	signals.fs, signals.came = nil, true
	signals.mu.Unlock()
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	wg.Wait()
	// With no other Notify for it, the signal ends the process again.
	signal.Stop(ch)
	if s, ok := sig.(syscall.Signal); ok {
		raise(s)
	}
}
