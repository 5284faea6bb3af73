package main

import (
	"context"

	"wxsocket/internal/browsers"
	"wxsocket/internal/wstest"
)

// startChromium starts headless Chromium on the bench page through
// internal/browsers, as every engine is started: it trusts cert's leaf
// only, sends every name to 127.0.0.1, and is ended with all it forked and
// its profile on Close, or when wxbench gets SIGINT or SIGTERM. The page
// needs gc() and performance.memory besides, and a renderer per host.
func startChromium(ctx context.Context, cert *wstest.Cert, url string) (*browsers.Browser, error) {
	return browsers.Start(ctx, browsers.Chromium, url, browsers.Options{Cert: cert, ChromiumFlags: []string{
		"--js-flags=--expose-gc", "--enable-precise-memory-info",
		"--site-per-process", // a page on a new host gets a new renderer (first.html)
	}})
}
