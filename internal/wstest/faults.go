//go:build !js

package wstest

import (
	"net/http"
	"strconv"
	"time"

	"github.com/coder/websocket"
)

// faults adds the misbehaving endpoints:
//
//	/refuse?status=403   refuses the handshake with that HTTP status
//	/hang                accepts TCP and TLS, never answers the handshake
//	/closeafteropen?code=1001&reason=x   closes right after the handshake
func (s *Server) faults(mux *http.ServeMux) {
	mux.HandleFunc("/refuse", func(w http.ResponseWriter, r *http.Request) {
		status, _ := strconv.Atoi(r.URL.Query().Get("status"))
		if status < 400 {
			status = 403
		}
		http.Error(w, "refused by test server", status)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Minute):
		}
	})
	mux.HandleFunc("/closeafteropen", func(w http.ResponseWriter, r *http.Request) {
		c, err := s.accept(w, r)
		if err != nil {
			return
		}
		code, _ := strconv.Atoi(r.URL.Query().Get("code"))
		if code == 0 {
			code = 1000
		}
		c.Close(websocket.StatusCode(code), r.URL.Query().Get("reason"))
	})
}
