package batch

import (
	"context"
	"sync"
)

// orderedPool runs jobs on Workers goroutines and hands the results back
// in the order the jobs were taken, whatever order the workers finish
// in. At most Window jobs are between being taken and being handed
// back, so a slow job holds up the intake instead of letting finished
// results pile up: memory is bounded by Window, not by the input.
type orderedPool[J, R any] struct {
	Workers int
	Window  int // ≥ Workers
	// Work does a job. It runs on a worker goroutine.
	Work func(J) R
	// Skip gives the result of a job that was taken but not started
	// because the context was cancelled.
	Skip func(J) R
}

// Run takes jobs from next until it reports false or ctx is cancelled,
// and passes each result to emit in job order, on the caller's
// goroutine. Jobs already started when ctx is cancelled are finished;
// jobs taken but not started get Skip's result, so every job taken is
// emitted. If emit fails, Run stops taking jobs, lets the others finish
// without emitting them, and returns emit's error.
func (p orderedPool[J, R]) Run(ctx context.Context, next func(context.Context) (J, bool), emit func(R) error) error {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)

	type job struct {
		seq int
		j   J
	}
	type result struct {
		seq int
		r   R
	}
	jobs := make(chan job, p.Workers)
	results := make(chan result, p.Workers)
	// slots holds a token for every job between intake and emit.
	slots := make(chan struct{}, max(p.Window, p.Workers, 1))

	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			if ctx.Err() != nil {
				return
			}
			j, ok := next(ctx)
			if !ok {
				return
			}
			jobs <- job{seq, j}
		}
	}()

	var wg sync.WaitGroup
	for range max(p.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var r R
				if ctx.Err() != nil {
					r = p.Skip(j.j)
				} else {
					r = p.Work(j.j)
				}
				results <- result{j.seq, r}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := make(map[int]R, cap(slots))
	want := 0
	var emitErr error
	for res := range results {
		pending[res.seq] = res.r
		for {
			r, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			if emitErr == nil {
				if err := emit(r); err != nil {
					emitErr = err
					stop(err)
				}
			}
			<-slots
			want++
		}
	}
	return emitErr
}
