package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// ExitCode is the process exit status. The values are part of the
// command-line contract and are listed in `limber --help`.
type ExitCode int

// Exit codes.
const (
	ExitOK         ExitCode = 0
	ExitError      ExitCode = 1 // unexpected failure (I/O, internal)
	ExitUsage      ExitCode = 2 // bad input or usage
	ExitSafety     ExitCode = 3 // refused for safety: see a doctor
	ExitInfeasible ExitCode = 4 // no routine fits
	ExitPartial    ExitCode = 5 // batch: some rows failed
)

const exitStatusHelp = `EXIT STATUS
  0  success
  1  unexpected failure (for example a file could not be written)
  2  bad input or usage
  3  refused for safety: an answer means a doctor should see you first
  4  no routine fits the time and constraints given
  5  batch: some rows failed (the others were written)
`

// exitError carries an exit code and hints to the top level.
type exitError struct {
	code  ExitCode
	err   error
	hints []string
	// printed is true when the command already told the user everything
	// (for example the safety message), so nothing more is printed.
	printed bool
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// withCode wraps err with an exit code and optional hints.
func withCode(code ExitCode, err error, hints ...string) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err, hints: hints}
}

// silentExit ends the command with code after it has printed its own message.
func silentExit(code ExitCode) error {
	return &exitError{code: code, err: fmt.Errorf("exit %d", code), printed: true}
}

// usageError is a mistake in how the command was called; the usage is
// printed after it.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usageArgs makes a wrong number of arguments a usage error: the usage
// is printed and the exit code is 2.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// report prints err the way limber prints every error and returns its
// exit code.
func report(s *IOStreams, err error) ExitCode {
	var ee *exitError
	if errors.As(err, &ee) {
		if !ee.printed {
			printError(s, ee.err, ee.hints)
		}
		return ee.code
	}
	var ue *usageError
	if errors.As(err, &ue) {
		printError(s, ue.err, nil)
		return ExitUsage
	}
	printError(s, err, nil)
	return ExitError
}

func printError(s *IOStreams, err error, hints []string) {
	msg := strings.TrimSpace(err.Error())
	fmt.Fprintf(s.Err, "limber: error: %s\n", msg)
	for _, h := range hints {
		fmt.Fprintf(s.Err, "hint: %s\n", h)
	}
}
