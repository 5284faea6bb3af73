//go:build !js

// Package relay makes a WebSocket server see what it sees from a WeChat
// mini-program on a phone, for pages whose browser cannot send it: request
// headers, the phone's fixed Referer, subprotocols; and gives the page what a
// phone gets: the handshake's response headers, real connection timings and
// the reason a connection failed.
//
// A page (the shim's glue in a browser) opens a WebSocket to the relay, tells
// it in its first message where to connect and how, and from then on the
// relay is a pipe: each message passes unchanged, in order, both ways.
//
// # Protocol (v1)
//
//  1. The page connects with no subprotocols. At the upgrade, the Origin is
//     checked against Options.OriginPatterns (coder/websocket's
//     AcceptOptions semantics; a page of the relay's own origin is always
//     allowed). A refused Origin gets HTTP 403: nothing accepted, nothing
//     dialed. While Options.MaxPending pages (256) wait for their first
//     message, another gets HTTP 503, and its connection is closed.
//
//  2. The page's first message, text JSON of at most 16 KiB, within
//     Options.FirstFrameTimeout (10 s):
//
//     {"v":1, "secret":"...", "url":"wss://api.example.com/ws?x=1",
//     "header":{"Authorization":"Bearer t"}, "protocols":["chat"],
//     "appid":"wx123", "appVersion":"0"}
//
//  3. The relay dials url with every header entry except Referer (any case)
//     and the handshake's own fields (Host, Connection, Upgrade,
//     Sec-WebSocket-*, Content-Length, Transfer-Encoding), which are
//     dropped; with Referer: https://servicewechat.com/{appid}/{appVersion}/page-frame.html
//     (appid "touristappid" and appVersion "0" by default, both limited to
//     [A-Za-z0-9._-]{1,64}, as the shim's settings are: internal/rules holds
//     these rules for both); and with protocols as Sec-WebSocket-Protocol. A page
//     that goes away while the dial runs cancels the dial. Credentials in
//     url (user:pass@) go as a browser's WebSocket sends them: not at
//     first; after a 401 with a Basic challenge, once more with
//     Authorization: Basic from them, unless header has an Authorization
//     (userinfo.go).
//
//  4. It answers with one text message, {"type":"open", "protocol",
//     "header", "profile"} or {"type":"failed", "reason"}; after a failure,
//     or any refusal of the page itself, it closes the page's socket with
//     one of:
//
//     4400 malformed first message (not JSON, wrong types, no url)
//     4401 missing or wrong secret
//     4408 no first message before the deadline
//     4413 first message over 16 KiB (which bounds the header total too)
//     4422 refused target or header (not ws/wss, non-browser host, CR/LF/NUL, bad appid)
//     4502 the upstream dial failed (refused, DNS, TLS, HTTP status)
//
//  5. After "open", data messages pass with no envelope, text as text and
//     binary as binary, streamed through one pooled buffer in frames of
//     up to 128 KiB, each frame of 1 KiB or more gathered into one write
//     to the network (corkConn; smaller ones take one or two): the relay reads
//     one side only as fast as the other side takes it, so a page that
//     stops reading stops the upstream (TCP backpressure), never a queue in
//     memory. Close code and reason pass unchanged both ways, a close with
//     no status (1005) as a close frame with no payload, and a connection
//     lost on one side is dropped, without a close frame, on the other.
//
// This is the protocol the shim's glue speaks (its contract is section 7 of
// the socket spec, SOCKET.md). Choices the protocol leaves open: header
// names take their canonical form; no redirect is followed, no compression
// offered, no proxy taken from the environment; the handshake response's
// headers are capped at 64 KiB; pings are answered on each side, not
// passed on; messages have no size limit, since none is held whole.
//
// # Requests (wx.request, protocol v1)
//
// A page's HTTP requests go through the same relay, at the same URL read
// as http:// or https:// (ws://127.0.0.1:9444/relay is
// http://127.0.0.1:9444/relay), with the same secret, Origin check and
// Host rule, so that a page set up for sockets has requests too (spec:
// NETWORK.md section 6). Each request is one fetch:
//
//  1. The page POSTs to the relay. The body is one line of JSON, the head,
//     of at most 64 KiB, then the request's body, as bytes:
//
//     {"v":1, "secret":"...", "url":"https://api.example.com/x?y=1",
//     "method":"POST", "header":{"content-type":"application/json"},
//     "appid":"wx123", "appVersion":"0", "redirect":"follow",
//     "timeout":60000}\n{"the":"body"}
//
//     A string body (text/plain) with no header of the page's own is a
//     simple request: no preflight (httpcors.go). A preflight is answered
//     anyway, for allowed origins, and kept by the browser up to
//     Access-Control-Max-Age (7200 s). The head must arrive within
//     Options.FirstFrameTimeout.
//
//  2. The relay checks, refusing with its own status and a JSON body
//     {"reason"} (and no Wx-Relay header): 403 for a Host or Origin it
//     does not serve (no CORS header: the page cannot even read it), 405
//     for another method than POST (a GET is the socket side's), 503 past
//     MaxRequests in flight, 400 for a malformed head or none, 401 for the
//     secret, 413 for a head over 64 KiB, 422 for what the page asks
//     (not http or https, a host no browser writes as the socket side
//     refuses it, CONNECT, a method that is not a token, CR, LF, NUL or
//     another control character in a header name or value, a bad appid,
//     redirect, timeout or progress id, step 7). Nothing is sent upstream
//     before every check has passed.
//
//  3. It sends the request: the method (GET when empty) and every header
//     entry as given except the names the socket side drops (Referer in
//     any case, Host, Connection, Upgrade, Content-Length,
//     Transfer-Encoding, Sec-WebSocket-*: buildHeader, one rule for both),
//     with the phone's Referer, Host from the URL, Content-Length from the
//     body, and, when the page gives no Accept-Encoding, gzip asked for
//     and decoded, as the phone's runtime does (res.header then has no
//     Content-Encoding or Content-Length, as on Android); an encoding the
//     page asks for comes back as sent. User-Agent is the page's, else Go's;
//     credentials in url (user:pass@) go as Basic, unless header has an
//     Authorization (Go's client; a browser's fetch refuses such a URL).
//     Map (a trailing dot too), DialContext and RootCAs apply as for
//     sockets; names under .invalid are never looked up. No proxy from the
//     environment, no cookie jar (a Cookie header is sent as given),
//     HTTP/1.1, connections kept and reused as a phone keeps them. The
//     body streams: a body of at most 64 KiB is read whole first (so that a
//     307 or 308 can send it again), a longer one is sent as it arrives. A
//     page that goes away, or "timeout" (ms; 0 for none, the page's own
//     timer then decides) running out, cancels the request, at any step.
//
//  4. Redirects: "follow" (the default) follows up to 15 (old Android's
//     number; a 16th 3xx is the answer, with "tooManyRedirects"), 301, 302
//     and 303 as a GET without a body, 307 and 308 with the method and the
//     body (not followed when the body was too long to keep), with the
//     same headers and Referer (Authorization and Cookie only within the
//     domain: net/http's rule), and reports each in "redirects"; "manual"
//     stops at the first 3xx. A shim with
//     urlCheck on sends "manual" and follows each Location itself, after
//     checking it against the domain list: the list and its rules are the
//     shim's, and a target is checked before anything is sent to it.
//
//  5. When the upstream's head arrives: 200, with the head in the Wx-Relay
//     header (exposed to the page; JSON with every character past ASCII
//     escaped), then the upstream's body as it arrives, flushed read by
//     read (a chunked response passes chunk by chunk), through one 16 KiB
//     buffer:
//
//     {"status":404, "header":{"Content-Type":"text/html","X-A":"1,2"},
//     "cookies":["a=1; Path=/","b=2"], "url":"https://final/url",
//     "redirects":[{"status":302,"url":"...","location":"..."}],
//     "profile":{"fetchStart":...}}
//
//     status is the upstream's, whatever it is; header has one string per
//     name (canonical form), values joined with ","; it keeps the
//     upstream's Content-Length when it sent one (the page's download
//     progress: totalBytesExpectedToWrite), except when the relay decoded
//     gzip (the length counted the encoded bytes); cookies is every
//     Set-Cookie value, unsplit; profile holds the RequestProfile fields
//     the relay measures up to the head (httpprofile.go); the page adds
//     the body's end. A body that breaks off upstream breaks the page's
//     response off (no clean end): a page never takes a short body for a
//     whole one.
//
//  6. A request that finds no answer: 502, {"reason", "cause"}, cause one
//     of dns, refused, connect, tls, timeout, closed, http (httpfail.go),
//     reason the relay's sentence with the underlying error, never the
//     URL's query.
//
//  7. Upload progress (httpprogress.go). What a page's XMLHttpRequest
//     reports as sent is what its socket to the relay took: loopback's
//     buffers take megabytes before the upstream has them (measured: with
//     an upstream that stopped after 1 MiB, the page's socket had taken
//     8.5 MiB, the relay had sent 4.3 MiB upstream), so a photo would show
//     100 % at once. So a head may name its upload, "progress":"<id>" (8
//     to 64 of A-Z a-z 0-9 _ -, the page's choice, unique among its
//     requests in flight: a taken one gets 422), and the page asks how far
//     it has gone with a head of its own that has no url:
//
//     {"v":1, "secret":"...", "progressOf":["<id>", ...]}   (1 to 64 ids)
//
//     answered at once, 200, application/json, no Wx-Relay:
//
//     {"<id>":{"sent":4472832, "total":67108864}}
//
//     sent is the body's bytes the relay has handed to the upstream
//     connection (at most 32 KiB ahead of its socket: what a phone counts),
//     total the body's length, -1 when the page sent it chunked. An id not
//     in flight (not yet, or no more) has no entry; the upload's own
//     answer says when it ended. A query is answered at once and holds no
//     connection, so polling cannot starve uploads of the 6 connections a
//     browser opens to the relay (with 6 uploads in flight to it, a query
//     waits for one of them to end).
//
// # Security model
//
// The relay connects wherever a page asks, with headers the page chooses,
// so it must act only for pages its owner serves:
//
//   - it is meant to listen on loopback only (cmd/wxrelay refuses anything
//     else), so only this machine can reach it;
//   - over TLS, or over plain ws:// on loopback, which Chromium and Firefox
//     let an https page open and which saves the page's leg its TLS at both
//     ends (WebKit refuses it; the shim then takes the relay's wss URL).
//     On that leg the secret, headers and messages cross loopback
//     unencrypted: nothing off this machine sees them, and whoever can
//     capture loopback can read the relay's memory too. What TLS would add
//     is the page's proof that it talks to the relay: on a machine shared
//     with other users, one could take the plain port first, so serve TLS
//     only there;
//   - a page must present the secret, in its first message, never in a URL
//     (URLs end up in logs, history and Referers); it is compared in
//     constant time;
//   - the page's Origin is checked at the upgrade, so another site open in
//     the same browser is refused before anything is read, even with the
//     secret;
//   - a refused page gets nothing dialed: every check runs before the dial;
//   - the page cannot forge the handshake: Host, Upgrade, Sec-WebSocket-*
//     and the framing headers are the WebSocket client's, Referer is always
//     the phone's, and a name or value with CR, LF, NUL or another control
//     character is refused, not cleaned;
//   - memory per connection is bounded: the first message is capped at
//     16 KiB, and data is streamed, never buffered whole;
//   - so is what pages that have not shown the secret hold: at most
//     MaxPending of them wait for their first message (about 27 KiB and a
//     descriptor each, until FirstFrameTimeout and a close handshake), the
//     rest are refused before the upgrade, and the memory of such a burst
//     goes back to the system once nothing waits.
//
// Upstream certificates are always verified (against Options.RootCAs, or
// the system's roots): there is no switch to turn verification off.
package relay
