package catalog

import "testing"

// BenchmarkLoadEmbedded is what every limber command pays to start:
// Load with no extra files, from the compiled form when it is current.
func BenchmarkLoadEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseEmbedded parses and validates the embedded YAML, which
// Load falls back to when the compiled form is out of date.
func BenchmarkParseEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := ParseEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbeddedShape is the check Load makes that the compiled form
// is current.
func BenchmarkEmbeddedShape(b *testing.B) {
	for b.Loop() {
		EmbeddedShape()
	}
}

// BenchmarkEmbeddedDigest is the full check the tests make, which reads
// every byte of the YAML.
func BenchmarkEmbeddedDigest(b *testing.B) {
	for b.Loop() {
		EmbeddedDigest()
	}
}

// BenchmarkCompiled builds the catalog from the compiled form alone.
func BenchmarkCompiled(b *testing.B) {
	for b.Loop() {
		compiledCatalog()
	}
}

// BenchmarkLoadClinic adds a small clinic file, which goes through the
// YAML loader, to the embedded catalog.
func BenchmarkLoadClinic(b *testing.B) {
	for b.Loop() {
		if _, err := Load("testdata/clinic.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
