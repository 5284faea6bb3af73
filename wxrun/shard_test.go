package wxrun

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"1/1": {1, 1}, "2/3": {2, 3}, " 3 / 3 ": {3, 3}} {
		if got, err := ParseShard(in); err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1", "0/3", "4/3", "-1/3", "1/0", "a/b", "1/3/4", "1.5/3"} {
		if _, err := ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q) took it", in)
		}
	}
}

// TestShardsPartition: n shards take every file once; a file's shard does
// not depend on the other files, their order, or how its path is written.
func TestShardsPartition(t *testing.T) {
	var files []string
	for i := range 60 {
		files = append(files, fmt.Sprintf("tests/dir%d/file%d.test.js", i%7, i))
	}
	for n := 1; n <= 5; n++ {
		seen := map[string]int{}
		for i := 1; i <= n; i++ {
			got, err := Shard{i, n}.Pick(files, "")
			if err != nil {
				t.Fatal(err)
			}
			if n > 1 && len(got) == 0 {
				t.Errorf("shard %d/%d of 60 files is empty", i, n)
			}
			for _, f := range got {
				seen[f]++
			}
			// Alone, shuffled, or among other files: the same shard.
			shuffled := slices.Clone(files)
			rand.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
			more := append(shuffled, "tests/new.test.js", "other/x.js")
			again, _ := Shard{i, n}.Pick(more, "")
			for _, f := range got {
				if !slices.Contains(again, f) {
					t.Errorf("%s left shard %d/%d when the list changed", f, i, n)
				}
				alone, _ := Shard{i, n}.Pick([]string{"./" + f}, "")
				if len(alone) != 1 {
					t.Errorf("./%s is not in the shard %s is in (%d/%d)", f, f, i, n)
				}
			}
		}
		for _, f := range files {
			if seen[f] != 1 {
				t.Errorf("%d shards: %s taken %d times", n, f, seen[f])
			}
		}
	}
}

// TestShardKeyIsRelativeToRoot: the same file, given absolute or relative
// to the working directory, with -root above it, is in the same shard as
// its path under the root says; and that shard is pinned, so that the hash
// never changes under a CI matrix's feet.
func TestShardKeyIsRelativeToRoot(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.MkdirAll("suite/tests", 0o755)
	abs := filepath.Join(dir, "suite", "tests", "a.test.js")
	k1, _ := shardKey("suite/tests/a.test.js", "suite")
	k2, _ := shardKey(abs, filepath.Join(dir, "suite"))
	k3, _ := shardKey("tests/a.test.js", "")
	if k1 != "tests/a.test.js" || k2 != k1 || k3 != k1 {
		t.Errorf("keys %q %q %q, want tests/a.test.js", k1, k2, k3)
	}
	// FNV-1a 64 of the key, modulo n, plus one (worked out apart from Go).
	for key, want := range map[string][3]int{"tests/a.test.js": {2, 2, 5}, "examples/socket/drop.test.js": {2, 1, 3}} {
		for j, n := range []int{2, 3, 5} {
			if got, _ := (Shard{1, n}).Of(key, ""); got != want[j] {
				t.Errorf("%s is in shard %d of %d, was %d", key, got, n, want[j])
			}
		}
	}
}
