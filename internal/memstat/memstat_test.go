package memstat

import (
	"context"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Growth sees memory that f holds for a while and lets go before it returns.
func TestGrowthSeesWhatIsHeldForAWhile(t *testing.T) {
	const size = 32 << 20
	grew := Growth(func() {
		b := make([]byte, size)
		for i := range b {
			b[i] = byte(i)
		}
		time.Sleep(200 * time.Millisecond) // several samples
		runtime.KeepAlive(b)
	})
	if grew < size {
		t.Errorf("grew %d bytes while %d were held", grew, size)
	}
	if held := int64(InUse()); held <= 0 {
		t.Errorf("in use %d", held)
	}
}

// A burst counts wrong answers and failures, and keeps the first error,
// whatever the errors' types.
func TestBurstCountsWhatIsLost(t *testing.T) {
	const n = 50
	b := StartBurst(n, func(i int) (string, error) {
		switch {
		case i%10 == 3:
			return "", context.DeadlineExceeded
		case i%10 == 6:
			return "", errors.New("refused")
		case i%10 == 9:
			return "ok " + strconv.Itoa(i+1), nil
		}
		return "ok " + strconv.Itoa(i), nil
	})
	lost, first := b.Wait()
	if lost != 15 || first == nil {
		t.Fatalf("lost %d, first %v", lost, first)
	}
	if s := first.Error(); s != context.DeadlineExceeded.Error() && s != "refused" && !strings.HasPrefix(s, "answer ") {
		t.Errorf("first error %q", s)
	}
	if b.Lost() != lost {
		t.Errorf("Lost %d after Wait's %d", b.Lost(), lost)
	}
}
