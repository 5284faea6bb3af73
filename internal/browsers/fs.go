//go:build !js

package browsers

import (
	"encoding/base64"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// readOnlyFS is the file system a Run's program sees: the files under one
// directory (the package's, where go test runs a test), read-only, over
// HTTP. run.js puts it behind wasm_exec.js's globalThis.fs, the way
// wasmbrowsertest does for Chromium with the whole disk; here a test can
// read its testdata and nothing else.
type readOnlyFS struct {
	root string
	mu   sync.Mutex
	next int
	fds  map[int]*os.File
}

func newReadOnlyFS(root string) (*readOnlyFS, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	return &readOnlyFS{root: abs, next: 100, fds: map[int]*os.File{}}, nil
}

// fsRequest is every call's body; each uses the fields it needs.
type fsRequest struct {
	Path     string `json:"path"`
	Flags    int    `json:"flags"`
	Fd       int    `json:"fd"`
	Length   int    `json:"length"`
	Position *int64 `json:"position"`
}

// The open flags run.js declares (Linux's), all of which write.
const writeFlags = 1 | 2 | 0o100 | 0o1000 | 0o2000 | 0o200

func (f *readOnlyFS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req fsRequest
	if err := decodeBody(r, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	res, err := f.call(strings.TrimPrefix(r.URL.Path, "/fs/"), req)
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		writeJSON(w, map[string]string{"error": err.Error(), "code": errCode(err)})
		return
	}
	writeJSON(w, res)
}

func (f *readOnlyFS) call(op string, req fsRequest) (any, error) {
	switch op {
	case "open":
		if req.Flags&writeFlags != 0 {
			return nil, errReadOnly
		}
		p, err := f.resolve(req.Path)
		if err != nil {
			return nil, err
		}
		file, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		f.next++
		f.fds[f.next] = file
		return map[string]int{"fd": f.next}, nil
	case "close":
		file, err := f.file(req.Fd)
		if err != nil {
			return nil, err
		}
		f.mu.Lock()
		delete(f.fds, req.Fd)
		f.mu.Unlock()
		return map[string]any{}, file.Close()
	case "fstat":
		file, err := f.file(req.Fd)
		if err != nil {
			return nil, err
		}
		return statOf(file.Stat())
	case "stat", "lstat":
		p, err := f.resolve(req.Path)
		if err != nil {
			return nil, err
		}
		if op == "lstat" {
			return statOf(os.Lstat(p))
		}
		return statOf(os.Stat(p))
	case "readdir":
		p, err := f.resolve(req.Path)
		if err != nil {
			return nil, err
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return map[string]any{"names": names}, nil
	case "read":
		file, err := f.file(req.Fd)
		if err != nil {
			return nil, err
		}
		buf := make([]byte, min(max(req.Length, 0), 16<<20))
		var n int
		if req.Position != nil {
			n, err = file.ReadAt(buf, *req.Position)
		} else {
			n, err = file.Read(buf)
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		return map[string]string{"data": base64.StdEncoding.EncodeToString(buf[:n])}, nil
	}
	return nil, errNotImplemented
}

// resolve maps a path the program gave (relative to its working
// directory, the root, or absolute) to one under the root.
func (f *readOnlyFS) resolve(p string) (string, error) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(f.root, p)
	}
	p = filepath.Clean(p)
	if p != f.root && !strings.HasPrefix(p, f.root+string(filepath.Separator)) {
		return "", fs.ErrPermission
	}
	return p, nil
}

func (f *readOnlyFS) file(fd int) (*os.File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	file, ok := f.fds[fd]
	if !ok {
		return nil, errBadFD
	}
	return file, nil
}

func (f *readOnlyFS) closeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for fd, file := range f.fds {
		file.Close()
		delete(f.fds, fd)
	}
}

var (
	errReadOnly       = errors.New("read-only file system")
	errBadFD          = errors.New("bad file descriptor")
	errNotImplemented = errors.New("not implemented")
)

// errCode is the errno name syscall/fs_js.go maps back to an Errno.
func errCode(err error) string {
	switch {
	case errors.Is(err, errReadOnly):
		return "EROFS"
	case errors.Is(err, errBadFD):
		return "EBADF"
	case errors.Is(err, errNotImplemented):
		return "ENOSYS"
	case errors.Is(err, fs.ErrNotExist):
		return "ENOENT"
	case errors.Is(err, fs.ErrPermission):
		return "EACCES"
	}
	return "EIO"
}

// statOf is the Node-style stat object fs_js.go reads (mode carries the
// file type bits as st_mode does).
func statOf(fi fs.FileInfo, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	mode := uint32(fi.Mode().Perm())
	switch {
	case fi.IsDir():
		mode |= 0o040000
	case fi.Mode()&fs.ModeSymlink != 0:
		mode |= 0o120000
	default:
		mode |= 0o100000
	}
	mtime := fi.ModTime().UnixMilli()
	return map[string]any{
		"dev": 0, "ino": 0, "mode": mode, "nlink": 1, "uid": 0, "gid": 0, "rdev": 0,
		"size": fi.Size(), "blksize": 4096, "blocks": (fi.Size() + 511) / 512,
		"atimeMs": mtime, "mtimeMs": mtime, "ctimeMs": mtime, "dir": fi.IsDir(),
	}, nil
}
