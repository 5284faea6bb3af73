//go:build !js

package browsers

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Watcher samples the sockets of a process tree and keeps every connection
// whose far end is not loopback. It reads what `ss -tunp` reads: the
// kernel's socket tables (/proc/<pid>/net/tcp, tcp6, udp, udp6, which list
// connected UDP sockets too, so a DNS query to a real resolver shows) and
// the processes' file descriptors that point at those sockets.
//
// Sampling can miss a connection shorter than its period (100 ms); the
// engines' settings are the first line (every name resolves to 127.0.0.1,
// WebKit's traffic goes through a proxy that dials only loopback), this is
// the check that they hold.
type Watcher struct {
	root int
	ok   func(net.IP) bool // addresses allowed
	stop chan struct{}
	done chan struct{}
	mu   sync.Mutex
	bad  map[string]bool
}

// Watch starts sampling the tree of root (root and its descendants).
func Watch(root int) *Watcher { return watch(root, net.IP.IsLoopback) }

func watch(root int, ok func(net.IP) bool) *Watcher {
	w := &Watcher{root: root, ok: ok, stop: make(chan struct{}), done: make(chan struct{}), bad: map[string]bool{}}
	go func() {
		defer close(w.done)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			w.sample()
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// Stop ends the sampling and returns what was seen, as
// "comm[pid] proto address" strings, sorted.
func (w *Watcher) Stop() []string {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for k := range w.bad {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sample reads the socket tables and, when one of them holds a connection
// to a non-loopback address, looks for it among the tree's descriptors.
func (w *Watcher) sample() {
	if w.root <= 0 {
		return
	}
	remote := map[string]string{} // socket inode -> "proto address"
	for _, proto := range []string{"tcp", "tcp6", "udp", "udp6"} {
		for inode, addr := range foreign(filepath.Join("/proc", strconv.Itoa(w.root), "net", proto), w.ok) {
			remote[inode] = proto + " " + addr
		}
	}
	if len(remote) == 0 {
		return
	}
	for _, pid := range tree(w.root) {
		fds, _ := os.ReadDir(filepath.Join("/proc", strconv.Itoa(pid), "fd"))
		for _, fd := range fds {
			link, err := os.Readlink(filepath.Join("/proc", strconv.Itoa(pid), "fd", fd.Name()))
			if err != nil || !strings.HasPrefix(link, "socket:[") {
				continue
			}
			if what, ok := remote[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")]; ok {
				w.mu.Lock()
				w.bad[fmt.Sprintf("%s[%d] %s", comm(pid), pid, what)] = true
				w.mu.Unlock()
			}
		}
	}
}

// foreign lists the sockets of one table whose remote address is set and
// not ok: inode -> "ip:port".
func foreign(table string, ok func(net.IP) bool) map[string]string {
	f, err := os.Open(table)
	if err != nil {
		return nil
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 10 {
			continue
		}
		ip, port, parsed := parseAddr(fields[2])
		if !parsed || ip.IsUnspecified() || ok(ip) {
			continue
		}
		out[fields[9]] = net.JoinHostPort(ip.String(), strconv.Itoa(port))
	}
	return out
}

// parseAddr reads the kernel's "0100007F:1F90" form: the address as 32-bit
// words in host (little-endian) order, then the port in hex.
func parseAddr(s string) (net.IP, int, bool) {
	h, p, ok := strings.Cut(s, ":")
	if !ok {
		return nil, 0, false
	}
	raw, err := hex.DecodeString(h)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return nil, 0, false
	}
	for i := 0; i < len(raw); i += 4 {
		raw[i], raw[i+1], raw[i+2], raw[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
	}
	port, err := strconv.ParseUint(p, 16, 16)
	if err != nil {
		return nil, 0, false
	}
	return net.IP(raw), int(port), true
}

// tree is root and every process descended from it.
func tree(root int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if pp := ppid(pid); pp > 0 {
			children[pp] = append(children[pp], pid)
		}
	}
	out := []int{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}

// ppid reads the parent's id from /proc/pid/stat ("pid (comm) state ppid ...";
// comm may hold spaces and parentheses, so read after the last ')').
func ppid(pid int) int {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0
	}
	n, _ := strconv.Atoi(f[1])
	return n
}

func comm(pid int) string {
	b, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "comm"))
	return strings.TrimSpace(string(b))
}

// Tree is root and every process descended from it, as /proc lists them
// now: a browser's processes, for a bench that measures them.
func Tree(root int) []int { return tree(root) }
