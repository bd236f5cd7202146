package main

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/limberhq/limber/catalog"
)

// factory holds what every command shares: the IO streams and the
// lazily loaded catalog.
type factory struct {
	IO *IOStreams

	// CatalogPaths are the --catalog files, in order.
	CatalogPaths []string
	// ConfigPath is --config; empty means $XDG_CONFIG_HOME/limber/config.yaml.
	ConfigPath string

	catOnce sync.Once
	cat     *catalog.Catalog
	catErr  error
}

// Catalog loads the embedded catalog and the --catalog files once.
func (f *factory) Catalog() (*catalog.Catalog, error) {
	f.catOnce.Do(func() {
		f.cat, f.catErr = catalog.Load(f.CatalogPaths...)
		if f.catErr != nil {
			f.catErr = withCode(ExitUsage, f.catErr, "run `limber catalog check FILE` to list every problem in a catalog file")
		}
	})
	return f.cat, f.catErr
}

func newRootCmd(f *factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "limber",
		Short: "Plan lower-back stretching and strengthening routines and print them as handouts",
		Long: `limber plans a personal routine of lower-back stretches and strengthening
exercises for the time you have, the positions you can get into and the
problems you have, and prints it as text, Markdown, JSON or a PDF handout.

It is not a diagnosis. If an answer to the safety questions means a doctor
should see you first, limber says so and plans nothing.`,
		Example: `  limber plan --minutes 10 --no-floor
  limber plan --preset sciatica-left --minutes 15 -o handout.pdf
  limber catalog list --no-floor
  limber batch patients.csv --out-dir handouts --format pdf`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.Err)
	root.SetIn(f.IO.In)
	root.SetUsageTemplate(root.UsageTemplate() + "\n" + exitStatusHelp)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{err}
	})
	pf := root.PersistentFlags()
	pf.StringArrayVar(&f.CatalogPaths, "catalog", nil, "extra catalog `FILE` adding or overriding exercises (repeatable; later files win)")
	pf.StringVar(&f.ConfigPath, "config", "", "config `FILE` (default $XDG_CONFIG_HOME/limber/config.yaml)")

	root.AddCommand(
		newVersionCmd(f),
		newCatalogCmd(f),
	)
	addCommands(root, f)
	return root
}

// run executes the command line args and returns the exit code.
func run(args []string, s *IOStreams) ExitCode {
	f := &factory{IO: s}
	root := newRootCmd(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(context.Background())
	if err == nil {
		return ExitOK
	}
	if cmd == root && strings.HasPrefix(err.Error(), "unknown command ") {
		// cobra's error for a mistyped command (with its suggestions)
		// is not typed; it is a usage error all the same.
		err = withCode(ExitUsage, err, "run 'limber --help' to see the commands")
	}
	var ue *usageError
	if errors.As(err, &ue) && cmd != nil {
		code := report(s, err)
		cmd.SetOut(s.Err)
		_ = cmd.Usage()
		return code
	}
	return report(s, err)
}
