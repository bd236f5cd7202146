package batch

import (
	"encoding/json"
	"sync"

	"github.com/limberhq/limber/catalog"
	"github.com/limberhq/limber/planner"
	"github.com/limberhq/limber/profiles"
)

// PlanCacheSize is how many distinct profiles a batch remembers the
// routine of. A clinic list repeats itself (the same minutes, floor and
// problems for many patients), and a routine depends only on the
// planning fields of the profile, not on the names printed on the
// handout; so rows that differ only in those share one planning. The
// cache is bounded so memory stays flat (a routine takes a few
// kilobytes); the oldest entry goes first.
const PlanCacheSize = 1024

// planCache memoises planner.Plan by the planning fields of a profile.
// Concurrent requests for the same profile wait for one planning.
type planCache struct {
	cat      *catalog.Catalog
	settings planner.Settings

	mu      sync.Mutex
	entries map[string]*planEntry
	ring    []string // keys in insertion order, for eviction
	next    int
}

type planEntry struct {
	done    chan struct{}
	routine *planner.Routine
	err     error
}

func newPlanCache(cat *catalog.Catalog, s planner.Settings, size int) *planCache {
	return &planCache{cat: cat, settings: s, entries: make(map[string]*planEntry, size), ring: make([]string, size)}
}

// planKey is the profile without the fields only the handout reads.
func planKey(p profiles.Profile) (string, bool) {
	p.Patient, p.Clinician, p.Clinic, p.Notes = "", "", "", ""
	p.PerDay, p.DaysPerWeek, p.Language = 0, 0, ""
	b, err := json.Marshal(p)
	return string(b), err == nil
}

// plan returns the routine for p: planned, or shared with an earlier
// row whose profile differs only in handout fields. The routine returned
// is the row's own copy with the row's profile; its slices and maps are
// shared and must not be changed.
func (c *planCache) plan(p profiles.Profile) (*planner.Routine, error) {
	key, ok := planKey(p)
	if !ok || len(c.ring) == 0 {
		return planner.Plan(c.cat, p, c.settings)
	}
	c.mu.Lock()
	e, hit := c.entries[key]
	if !hit {
		e = &planEntry{done: make(chan struct{})}
		if old := c.ring[c.next]; old != "" {
			delete(c.entries, old)
		}
		c.ring[c.next] = key
		c.next = (c.next + 1) % len(c.ring)
		c.entries[key] = e
	}
	c.mu.Unlock()
	if hit {
		<-e.done
	} else {
		e.routine, e.err = planner.Plan(c.cat, p, c.settings)
		close(e.done)
	}
	if e.err != nil {
		return nil, e.err
	}
	r := *e.routine
	r.Profile = p
	return &r, nil
}
