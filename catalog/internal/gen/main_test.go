package main

import (
	"bytes"
	"os"
	"testing"
)

// TestGeneratedUpToDate regenerates the compiled catalog in memory and
// compares it with the file in the catalog package, which must be
// regenerated (go generate ./catalog) after any change to the YAML or to
// this generator.
func TestGeneratedUpToDate(t *testing.T) {
	want, err := Source()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../catalog_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("catalog/catalog_gen.go is out of date: run go generate ./catalog")
	}
}
