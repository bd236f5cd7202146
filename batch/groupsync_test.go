package batch

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestGroupSyncCoversCaller checks the promise writers rely on: when
// wait returns, a sync that began after the call has ended.
func TestGroupSyncCoversCaller(t *testing.T) {
	var clock atomic.Int64
	var mu sync.Mutex
	lastEnded := int64(-1) // the start time of the latest finished sync
	gs := newGroupSync(func() error {
		start := clock.Add(1)
		time.Sleep(200 * time.Microsecond)
		mu.Lock()
		lastEnded = start
		mu.Unlock()
		return nil
	})
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				called := clock.Add(1)
				if err := gs.wait(); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				covered := lastEnded > called
				mu.Unlock()
				if !covered {
					t.Errorf("wait called at %d returned before a sync that began later had ended (latest ended sync began at %d)", called, lastEnded)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestGroupSyncShares checks that writers waiting together share syncs:
// that is the point of it.
func TestGroupSyncShares(t *testing.T) {
	var syncs atomic.Int64
	gs := newGroupSync(func() error {
		syncs.Add(1)
		time.Sleep(5 * time.Millisecond)
		return nil
	})
	const callers = 50
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < callers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if err := gs.wait(); err != nil {
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := syncs.Load(); n < 1 || n > callers/2 {
		t.Errorf("%d callers made %d syncs, want between 1 and %d", callers, n, callers/2)
	}
}

// TestGroupSyncError checks that a failed sync fails its waiters and
// every later one: a file whose data may not be on disk is never
// renamed into place.
func TestGroupSyncError(t *testing.T) {
	boom := errors.New("disk on fire")
	calls := 0
	gs := newGroupSync(func() error {
		calls++
		if calls == 2 {
			return boom
		}
		return nil
	})
	if err := gs.wait(); err != nil {
		t.Fatalf("first wait: %v", err)
	}
	for i := 0; i < 3; i++ {
		if err := gs.wait(); !errors.Is(err, boom) {
			t.Fatalf("wait %d after the failure: %v, want %v", i, err, boom)
		}
	}
	if calls != 2 {
		t.Errorf("%d syncs, want none after the failure", calls)
	}
}
