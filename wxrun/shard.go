package wxrun

import (
	"fmt"
	"hash/fnv"
	"path/filepath"
	"strconv"
	"strings"
)

// A Shard is one of Count shares of a run's files (-shard Index/Count, as
// Playwright's and Jest's --shard): a CI matrix runs the shares side by
// side, each on its own machine, and merges their JUnit reports.
//
// A file's shard is a hash of its path relative to the root (FNV-1a, 64
// bits, of the slash-separated path; the shard is the hash modulo Count,
// plus one): the same file is in the same shard whatever else the list
// holds, in whatever order, on every machine that checks the files out at
// the same place under the root. Shares are even on average, not exactly;
// a shard may be empty.
type Shard struct {
	Index, Count int // 1 <= Index <= Count; the zero Shard is the whole run
}

// ParseShard reads "i/n".
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	index, err1 := strconv.Atoi(strings.TrimSpace(i))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || count < 1 || index < 1 || index > count {
		return Shard{}, fmt.Errorf("-shard %q: want i/n with 1 <= i <= n, e.g. -shard 2/3", s)
	}
	return Shard{index, count}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Whole says whether s is the whole run (no -shard).
func (s Shard) Whole() bool { return s.Count <= 1 }

// Of is the shard a file is in, by its path (relative to the working
// directory, or absolute) and the root its path is taken from (default:
// the working directory).
func (s Shard) Of(file, root string) (int, error) {
	if s.Whole() {
		return 1, nil
	}
	key, err := shardKey(file, root)
	if err != nil {
		return 0, err
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return int(h.Sum64()%uint64(s.Count)) + 1, nil
}

// Pick keeps the files of shard s, in their order.
func (s Shard) Pick(files []string, root string) ([]string, error) {
	if s.Whole() {
		return files, nil
	}
	var out []string
	for _, f := range files {
		n, err := s.Of(f, root)
		if err != nil {
			return nil, err
		}
		if n == s.Index {
			out = append(out, f)
		}
	}
	return out, nil
}

// shardKey is file's path relative to root, with forward slashes: what
// makes a.js, ./a.js and /abs/a.js the same file, on Windows too.
func shardKey(file, root string) (string, error) {
	if root == "" {
		root = "."
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absRoot, abs)
	if err != nil {
		return "", fmt.Errorf("-shard: %s is not under %s: %v", file, root, err)
	}
	return filepath.ToSlash(rel), nil
}
