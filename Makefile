# make serve:       the harness and a wss echo server on 127.0.0.1
# make test:        every test (vet, gofmt, native tests, the shim in Chromium, Firefox and WebKit,
#                   the npm packages under each bundler);
#                   each engine's output and the run's RELIABILITY.md go to test-output/
# make reliability: the browser suite alone, rewriting the committed RELIABILITY.md
# make pack:        the npm packages (the shim; wxrun and its binaries) as tarballs in build/
# make bench:       the shim against the browser's own WebSocket, side by side (Chromium; the round
#                   trips and burst in Firefox too), wx.request against fetch, wx.downloadFile and
#                   wx.uploadFile against fetch, the browser's memory for a 200 MiB download
#                   (Chromium); the relay under load (sockets, 1,000 requests at once, 200 MiB each way)

GO      ?= go
BUILD   := build
PORT    ?= 8443
GOROOT  := $(shell $(GO) env GOROOT)
WASMENV := GOOS=js GOARCH=wasm

OUT     := $(CURDIR)/test-output

# The Node.js that scripts/deps.sh installs from the npm registry when the
# machine's is older than Vite 8 needs (Debian 12's): its node, npm and npx
# come first for every recipe. Where it did not install one, the folder is
# not there and PATH is as it was.
export PATH := $(CURDIR)/$(BUILD)/tools/node_modules/.bin:$(PATH)

.PHONY: all deps build wasm pack test reliability vet serve bench clean

all: build

deps:
	@bash scripts/deps.sh

# The wasm and the loader in build/. build/wx.js is wasm_exec.js (of the Go
# that compiled the wasm), the glue (wx, wxshim and the data plane: the parts
# in wasm/glue/, joined by glue.Source, the recipe wxrun's own build uses too)
# and the loader (js/wx.js), so a page loads one script, and no JavaScript is
# ever evaluated from a string (a strict CSP allows it).
#
# build/wx.mjs is the same as an ES module (js/module.js in the middle): the
# npm package's entry, which finds wx.wasm with new URL("./wx.wasm",
# import.meta.url), the form bundlers follow.
#
# build/test/ is the test build: the same three files with the test hooks
# (wxshim.debug, wxshim._go: wasm/debug.go behind the wxdebug tag, and
# wasm/debug.js after the loader), for make bench's leak figures and the
# test that proves build/ has none (cmd/wxserve, TestProductionBuildHasNoTestHooks).
build: wasm
	@$(GO) run ./wasm/glue/gluejs > $(BUILD)/glue.js || { rm -f $(BUILD)/glue.js; exit 1; }
	@cat $(BUILD)/wasm_exec.js $(BUILD)/glue.js js/wx.js > $(BUILD)/wx.js
	@cat $(BUILD)/wasm_exec.js $(BUILD)/glue.js js/module.js js/wx.js > $(BUILD)/wx.mjs
	@cp js/wxshim.d.ts js/wx.d.ts $(BUILD)/
	@cat $(BUILD)/wx.js wasm/debug.js > $(BUILD)/test/wx.js
	@cp $(BUILD)/wasm_exec.js $(BUILD)/test/

wasm:
	@mkdir -p $(BUILD)/test
	$(WASMENV) $(GO) build -trimpath -ldflags="-s -w" -o $(BUILD)/wx.wasm ./wasm
	$(WASMENV) $(GO) build -tags wxdebug -trimpath -ldflags="-s -w" -o $(BUILD)/test/wx.wasm ./wasm
	@cp "$(GOROOT)/lib/wasm/wasm_exec.js" $(BUILD)/wasm_exec.js

# The npm packages, as tarballs in build/ (their folders in build/npm/):
# wxsocket, the shim for pages and bundlers; wxrun, and its binary for five
# platforms, cross-compiled with the shim in it. cmd/wxpack says how.
pack: build
	$(GO) run ./cmd/wxpack

vet:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	$(GO) vet ./...
	$(WASMENV) $(GO) vet ./wasm/...
	$(WASMENV) $(GO) vet -tags wxdebug ./wasm/...

test: deps vet build pack
	WX_OUTPUT=$(OUT) $(GO) test -count=1 -timeout 60m ./...

reliability: deps build
	WX_OUTPUT=$(OUT) WX_RELIABILITY_MD=$(CURDIR)/RELIABILITY.md $(GO) test -count=1 -timeout 60m -run TestBrowser ./wasm

serve: deps build
	$(GO) run ./cmd/wxserve -port $(PORT)

bench: deps build
	$(GO) run ./cmd/wxbench
	$(GO) run ./cmd/wxbench firefox

clean:
	rm -rf $(BUILD) $(OUT) internal/builtshim/files
