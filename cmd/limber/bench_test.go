package main

import (
	"strings"
	"testing"
)

// BenchmarkRun runs whole commands in-process, from the arguments to the
// output: the part of `limber plan` that the process start-up (the same
// for `limber version`) does not account for.
func BenchmarkRun(b *testing.B) {
	for _, args := range []string{
		"version",
		"plan --minutes 10 --no-floor",
	} {
		b.Run(strings.ReplaceAll(args, " ", "_"), func(b *testing.B) {
			argv := strings.Fields(args)
			for b.Loop() {
				s, _, errOut := testIO()
				if code := run(argv, s); code != ExitOK {
					b.Fatalf("%s: exit %d: %s", args, code, errOut)
				}
			}
		})
	}
}
