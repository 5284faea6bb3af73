package wxrun

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadProject(t *testing.T) {
	p := writeFile(t, "project.config.json", "\ufeff"+`{"appid": "wx1", "libVersion": "2.10.4", "setting": {"urlCheck": false, "es6": true}, "compileType": "miniprogram"}`)
	s, err := LoadProject(p)
	if err != nil {
		t.Fatal(err)
	}
	if s.AppID != "wx1" || s.LibVersion != "2.10.4" || s.URLCheck == nil || *s.URLCheck {
		t.Errorf("got %+v", s)
	}
	for content, want := range map[string]string{
		`{"libVersion": 2}`:               `:1:16: libVersion: want a string, got a JSON number`,
		`{"setting": {"urlCheck": "no"}}`: `:1:29: setting.urlCheck: want true or false, got a JSON string`,
		`{"setting": []}`:                 `:1:13: setting: want an object, got a JSON array`,
		"{\n  \"appid\": \"x\",\n}":       `:3:1: not valid JSON: invalid character '}' looking for beginning of object key string`,
		`{"appid": "x"`:                   `: not valid JSON: the file ends early`,
		`{} {}`:                           `: more than one JSON value`,
		``:                                `: not valid JSON: the file ends early`,
		`[1]`:                             `:1:1: the file: want an object, got a JSON array`,
	} {
		_, err := LoadProject(writeFile(t, "p.json", content))
		if err == nil || !strings.Contains(err.Error(), "p.json"+want) {
			t.Errorf("%q: got %v, want ...p.json%s", content, err, want)
		}
	}
	if _, err := LoadProject(filepath.Join(t.TempDir(), "none.json")); err == nil || !strings.HasSuffix(err.Error(), "none.json: no such file") {
		t.Errorf("a missing file: %v", err)
	}
}

func TestLoadApp(t *testing.T) {
	s, err := LoadApp(writeFile(t, "app.json", `{"pages": ["a"], "networkTimeout": {"connectSocket": 5000, "request": 1}}`))
	if err != nil || s.ConnectTimeout != 5000 || s.RequestTimeout != 1 {
		t.Errorf("got %+v, %v", s, err)
	}
	for _, bad := range []string{`{"networkTimeout": {"connectSocket": -1}}`, `{"networkTimeout": {"connectSocket": 1.5}}`, `{"networkTimeout": {"connectSocket": "5000"}}`, `{"networkTimeout": {"request": 0}}`} {
		if _, err := LoadApp(writeFile(t, "app.json", bad)); err == nil || !strings.Contains(err.Error(), "networkTimeout.") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestSettingsMerge(t *testing.T) {
	off, on := false, true
	a := Settings{LibVersion: "2.0.0", URLCheck: &off, SocketDomains: []string{"a.example.com"}, Extra: map[string]any{"maxConnections": 2}}
	b := Settings{URLCheck: &on, SocketDomains: []string{"b.example.com"}, RequestDomains: []string{"c.example.com:8443"},
		ConnectTimeout: 9, RequestTimeout: 7, Extra: map[string]any{"closeBeforeOpen": "browser"}}
	got := a.Merge(b).object()
	want := map[string]any{"libVersion": "2.0.0", "urlCheck": true, "socketDomains": []string{"a.example.com", "b.example.com"},
		"requestDomains": []string{"c.example.com:8443"}, "downloadFileDomains": []string{"c.example.com:8443"},
		"uploadFileDomains": []string{"c.example.com:8443"},
		"networkTimeout":    map[string]int{"connectSocket": 9, "request": 7}, "maxConnections": 2, "closeBeforeOpen": "browser"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if len(a.SocketDomains) != 1 {
		t.Error("Merge changed its receiver's domains")
	}
}
