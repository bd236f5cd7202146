package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams is how commands reach the outside world. Run functions use
// it instead of os.Stdin, os.Stdout and os.Stderr so tests can use buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	InTTY  bool // standard input is a terminal
	OutTTY bool // standard output is a terminal
	ErrTTY bool // standard error is a terminal
	// Getenv reads the environment (os.Getenv in production).
	Getenv func(string) string
}

func systemIO() *IOStreams {
	return &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		Err:    os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Getenv: os.Getenv,
	}
}

// Color reports whether output to a terminal may use colour: only on a
// terminal, and never when NO_COLOR is set.
func (s *IOStreams) Color() bool {
	return s.OutTTY && s.Getenv("NO_COLOR") == ""
}
