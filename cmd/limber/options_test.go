package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// optionCase is one row of a table test of a command's flags: the
// arguments, and either what the usage error must say or a check of the
// options the command would run with.
type optionCase[O any] struct {
	args    []string
	check   func(*O) error
	wantErr string
}

// runOptionCases runs each case through the root command with the
// command name replaced by build's, whose run only captures its
// options, so the flags are parsed and checked but nothing is planned.
func runOptionCases[O any](t *testing.T, name string, tests []optionCase[O], build func(f *factory, capture func(*O)) *cobra.Command) {
	t.Helper()
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			s, _, errOut := testIO()
			f := &factory{IO: s}
			root := newRootCmd(f)
			var got *O
			for _, c := range root.Commands() {
				if c.Name() == name {
					root.RemoveCommand(c)
				}
			}
			root.AddCommand(build(f, func(o *O) { got = o }))
			root.SetArgs(append([]string{name}, tt.args...))
			_, err := root.ExecuteC()
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("no error; options %+v", got)
				}
				code := report(s, err)
				if code != ExitUsage || !strings.Contains(errOut.String(), tt.wantErr) {
					t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut.String(), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got == nil {
				t.Fatal("run not called")
			}
			if err := tt.check(got); err != nil {
				t.Error(err)
			}
		})
	}
}
