package batch

import "sync"

// groupSync makes written files durable in groups. Syncing each file on
// its own costs a disk round trip per file, and with thousands of small
// files that, not the planning, is what a batch waits on. Instead a
// writer closes its file and waits for one sync of the whole file system
// that starts after that: while one sync runs, the files closed
// meanwhile wait for the next, which then covers them all (a group
// commit). A file is renamed into place only after its sync, so a
// finished name never points at data that a power cut could lose.
type groupSync struct {
	sync func() error

	mu                sync.Mutex
	cond              sync.Cond
	started, finished uint64 // syncs begun and ended
	running           bool
	err               error // the first failure, for every later caller
}

func newGroupSync(sync func() error) *groupSync {
	g := &groupSync{sync: sync}
	g.cond.L = &g.mu
	return g
}

// wait returns once a sync that began after the call has ended: every
// file closed before the call is then on disk.
func (g *groupSync) wait() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	// A sync running now may have begun before the caller's file was
	// closed; only the next one surely covers it.
	target := g.started + 1
	for g.finished < target && g.err == nil {
		if g.running {
			g.cond.Wait()
			continue
		}
		g.running = true
		g.started++
		n := g.started
		g.mu.Unlock()
		err := g.sync()
		g.mu.Lock()
		g.running = false
		g.finished = n
		if err != nil {
			g.err = err
		}
		g.cond.Broadcast()
	}
	return g.err
}
