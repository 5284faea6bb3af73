//go:build !js

package relay

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
)

// A request the relay does not make, or that fails before the upstream
// answers, gets an HTTP status of the relay's own and a JSON body
// {"reason": "...", "cause": "..."}, with no HeadHeader: that is how a page
// tells it from an upstream's answer. cause, for 502 only, is one word the
// shim maps to an errMsg:
//
//	dns       the name did not resolve
//	refused   nothing listens at the port
//	connect   no connection for another reason (unreachable, reset)
//	tls       the TLS handshake failed (untrusted certificate, wrong name,
//	          not TLS): "ssl hand shake error" on a phone
//	timeout   the request's timeout ran out before the response's head
//	closed    the server closed the connection without answering
//	http      the server's answer is not HTTP the relay can pass on
//
// reason is the relay's sentence, with the underlying error: what the
// shim appends to "request:fail ". It never holds the URL's query, which
// may hold a token.

// failure is why a request found no answer.
type failure struct{ cause, reason string }

// requestFailure words what went wrong, from the step the request was at
// and the error.
func (rl *Relay) requestFailure(ctx context.Context, tr *requestTrace, up *upstreamRequest, err error) failure {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // without the URL
	}
	step := tr.failedStep()
	var dns *net.DNSError
	switch {
	case errors.Is(context.Cause(ctx), errUpstreamTimeout):
		what := map[string]string{
			"connect":  "no connection",
			"TLS":      "no TLS handshake",
			"request":  "the request not sent",
			"response": "no response",
			"body":     "the body not received",
		}[step]
		return failure{"timeout", fmt.Sprintf("timeout: %s within %v", what, up.timeout)}
	case errors.As(err, &dns):
		return failure{"dns", "DNS: " + dns.Error()}
	case errors.Is(err, syscall.ECONNREFUSED):
		return failure{"refused", "refused: " + err.Error()}
	case step == "TLS" || isTLSError(err):
		return failure{"tls", "TLS: " + err.Error()}
	case step == "connect":
		return failure{"connect", "connect: " + err.Error()}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET):
		return failure{"closed", "closed: the server closed the connection without answering (" + err.Error() + ")"}
	}
	return failure{"http", "http: " + err.Error()}
}

func isTLSError(err error) bool {
	var (
		rh  tls.RecordHeaderError
		ae  tls.AlertError
		cv  *tls.CertificateVerificationError
		ua  x509.UnknownAuthorityError
		he  x509.HostnameError
		cie x509.CertificateInvalidError
	)
	return errors.As(err, &rh) || errors.As(err, &ae) || errors.As(err, &cv) ||
		errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &cie)
}

// writeRefusal answers with the relay's own status and why.
func writeRefusal(w http.ResponseWriter, status int, reason, cause string) {
	b := asciiJSON(struct {
		Reason string `json:"reason"`
		Cause  string `json:"cause,omitempty"`
	}{reason, cause})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
