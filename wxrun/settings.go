package wxrun

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Settings are the wxshim settings a page starts with: they are set on the
// global wxshim before the loader runs, so even the script's first call
// sees them. A script's own assignments (wxshim.libVersion = ...) come
// later and win. Zero values are left out, and the shim's defaults stand.
type Settings struct {
	LibVersion    string   // base-library version, e.g. "2.10.4"; default "1.6.0"
	URLCheck      *bool    // the legal-domain check; default on
	SocketDomains []string // legal socket domains: "wss://api.example.com" or "api.example.com"
	// RequestDomains are the legal domains of the HTTP APIs (wx.request,
	// wx.downloadFile, wx.uploadFile: each list gets them all):
	// "https://api.example.com", "api.example.com:8443" (an entry with a
	// port allows only URLs that write it, one without only URLs that write
	// none: NETWORK.md section 1).
	RequestDomains []string
	ConnectTimeout int    // networkTimeout.connectSocket in ms
	RequestTimeout int    // networkTimeout.request in ms
	AppID          string // project.config.json's appid (the relay's Referer)
	AppVersion     string // the relay's Referer version; "0" is the development version
	// Extra are further wxshim properties, set as given (maxConnections,
	// closeBeforeOpen, rewrites, ...).
	Extra map[string]any
}

// Merge returns s with every field that o sets taking o's value; the
// domain lists are joined.
func (s Settings) Merge(o Settings) Settings {
	if o.LibVersion != "" {
		s.LibVersion = o.LibVersion
	}
	if o.URLCheck != nil {
		s.URLCheck = o.URLCheck
	}
	s.SocketDomains = append(append([]string(nil), s.SocketDomains...), o.SocketDomains...)
	s.RequestDomains = append(append([]string(nil), s.RequestDomains...), o.RequestDomains...)
	if o.ConnectTimeout != 0 {
		s.ConnectTimeout = o.ConnectTimeout
	}
	if o.RequestTimeout != 0 {
		s.RequestTimeout = o.RequestTimeout
	}
	if o.AppID != "" {
		s.AppID = o.AppID
	}
	if o.AppVersion != "" {
		s.AppVersion = o.AppVersion
	}
	if len(o.Extra) > 0 {
		m := map[string]any{}
		for k, v := range s.Extra {
			m[k] = v
		}
		for k, v := range o.Extra {
			m[k] = v
		}
		s.Extra = m
	}
	return s
}

// object is the wxshim object the page starts with.
func (s Settings) object() map[string]any {
	m := map[string]any{}
	for k, v := range s.Extra {
		m[k] = v
	}
	if s.LibVersion != "" {
		m["libVersion"] = s.LibVersion
	}
	if s.URLCheck != nil {
		m["urlCheck"] = *s.URLCheck
	}
	if len(s.SocketDomains) > 0 {
		m["socketDomains"] = s.SocketDomains
	}
	if len(s.RequestDomains) > 0 {
		for _, k := range []string{"requestDomains", "downloadFileDomains", "uploadFileDomains"} {
			m[k] = s.RequestDomains
		}
	}
	if s.ConnectTimeout > 0 || s.RequestTimeout > 0 {
		t := map[string]int{}
		if s.ConnectTimeout > 0 {
			t["connectSocket"] = s.ConnectTimeout
		}
		if s.RequestTimeout > 0 {
			t["request"] = s.RequestTimeout
		}
		m["networkTimeout"] = t
	}
	if s.AppID != "" {
		m["appid"] = s.AppID
	}
	if s.AppVersion != "" {
		m["appVersion"] = s.AppVersion
	}
	return m
}

// LoadProject reads the settings devtools takes from project.config.json:
// libVersion, setting.urlCheck and appid. Other fields are not the shim's
// business and are ignored; a field of the wrong type is an error.
func LoadProject(file string) (Settings, error) {
	var p struct {
		LibVersion *string `json:"libVersion"`
		AppID      *string `json:"appid"`
		Setting    *struct {
			URLCheck *bool `json:"urlCheck"`
		} `json:"setting"`
	}
	if err := readJSON(file, &p); err != nil {
		return Settings{}, err
	}
	var s Settings
	if p.LibVersion != nil {
		s.LibVersion = *p.LibVersion
	}
	if p.AppID != nil {
		s.AppID = *p.AppID
	}
	if p.Setting != nil {
		s.URLCheck = p.Setting.URLCheck
	}
	return s, nil
}

// LoadApp reads networkTimeout.connectSocket and networkTimeout.request
// from app.json.
func LoadApp(file string) (Settings, error) {
	var a struct {
		NetworkTimeout *struct {
			ConnectSocket *float64 `json:"connectSocket"`
			Request       *float64 `json:"request"`
		} `json:"networkTimeout"`
	}
	if err := readJSON(file, &a); err != nil {
		return Settings{}, err
	}
	var s Settings
	if a.NetworkTimeout == nil {
		return s, nil
	}
	for _, t := range []struct {
		name string
		v    *float64
		to   *int
	}{{"connectSocket", a.NetworkTimeout.ConnectSocket, &s.ConnectTimeout}, {"request", a.NetworkTimeout.Request, &s.RequestTimeout}} {
		if t.v == nil {
			continue
		}
		ms := *t.v
		if ms <= 0 || ms > 1e9 || ms != float64(int(ms)) {
			return s, fmt.Errorf("%s: networkTimeout.%s: want a whole number of milliseconds above 0, got %v", file, t.name, ms)
		}
		*t.to = int(ms)
	}
	return s, nil
}

// readJSON decodes file into v and says where it went wrong: the file, the
// line and column, and what was expected.
func readJSON(file string, v any) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("%s: %s", file, describeOpen(err))
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // devtools writes no BOM, editors on Windows may
	dec := json.NewDecoder(bytes.NewReader(b))
	err = dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("more than one JSON value")
			return fmt.Errorf("%s: %v", file, err)
		}
		return nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(b, syn.Offset-1) // Offset is just past the bad byte
		return fmt.Errorf("%s:%d:%d: not valid JSON: %v", file, line, col, syn)
	case errors.As(err, &typ):
		line, col := position(b, typ.Offset-1)
		field := typ.Field
		if field == "" {
			field = "the file"
		}
		return fmt.Errorf("%s:%d:%d: %s: want %s, got a JSON %s", file, line, col, field, want(typ.Type.String()), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s: not valid JSON: the file ends early", file)
	}
	return fmt.Errorf("%s: %v", file, err)
}

func want(goType string) string {
	switch strings.TrimPrefix(goType, "*") {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "float64":
		return "a number"
	}
	return "an object"
}

// position turns a byte offset into a 1-based line and column.
func position(b []byte, off int64) (line, col int) {
	off = max(off, 0)
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}
