package batch

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// TestOrderedPoolOrder runs jobs that finish in random order and checks
// that results come out in job order, and that no more than Window jobs
// are ever between intake and emit.
func TestOrderedPoolOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7, 32} {
		const n = 500
		window := 2*workers + 3
		var inside, most atomic.Int64
		p := orderedPool[int, int]{
			Workers: workers,
			Window:  window,
			Work: func(j int) int {
				time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
				return j * 10
			},
			Skip: func(j int) int { return -1 },
		}
		taken := 0
		next := func(context.Context) (int, bool) {
			if taken == n {
				return 0, false
			}
			taken++
			v := inside.Add(1)
			for {
				m := most.Load()
				if v <= m || most.CompareAndSwap(m, v) {
					break
				}
			}
			return taken - 1, true
		}
		var got []int
		err := p.Run(context.Background(), next, func(r int) error {
			inside.Add(-1)
			got = append(got, r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n {
			t.Fatalf("workers %d: %d results, want %d", workers, len(got), n)
		}
		for i, r := range got {
			if r != i*10 {
				t.Fatalf("workers %d: result %d is %d, want %d", workers, i, r, i*10)
			}
		}
		if m := most.Load(); m > int64(window) {
			t.Errorf("workers %d: %d jobs in flight, window %d", workers, m, window)
		}
	}
}

// TestOrderedPoolCancel cancels in the middle: every job taken is
// emitted, in order, either done or skipped, and intake stops.
func TestOrderedPoolCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var started atomic.Int64
	p := orderedPool[int, int]{
		Workers: 4,
		Window:  16,
		Work: func(j int) int {
			if started.Add(1) == 20 {
				cancel()
			}
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			return j
		},
		Skip: func(j int) int { return -j - 1 },
	}
	taken := 0
	next := func(context.Context) (int, bool) {
		taken++
		return taken - 1, true // endless input
	}
	var got []int
	if err := p.Run(ctx, next, func(r int) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != taken {
		t.Fatalf("%d results for %d jobs taken", len(got), taken)
	}
	if taken > 20+16 {
		t.Errorf("took %d jobs after the cancel at 20 (window 16)", taken)
	}
	done := 0
	for i, r := range got {
		switch {
		case r == i:
			done++
		case r == -i-1:
		default:
			t.Fatalf("result %d is %d", i, r)
		}
	}
	if done < 20 || int64(done) != started.Load() {
		t.Errorf("%d done, %d started", done, started.Load())
	}
}

func TestOrderedPoolEmitError(t *testing.T) {
	boom := errors.New("stdout closed")
	var emitted int
	taken := 0
	p := orderedPool[int, int]{Workers: 3, Window: 8, Work: func(j int) int { return j }, Skip: func(j int) int { return j }}
	err := p.Run(context.Background(), func(context.Context) (int, bool) {
		taken++
		return taken, true
	}, func(r int) error {
		emitted++
		if emitted == 5 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
	if emitted != 5 {
		t.Errorf("emit called %d times after failing", emitted)
	}
}
