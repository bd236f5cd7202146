package catalog

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestCompiledUpToDate checks that the compiled catalog was generated
// from the embedded YAML as it is now, and holds exactly what parsing
// the YAML gives.
func TestCompiledUpToDate(t *testing.T) {
	if compiledDigest != EmbeddedDigest() || compiledShape != EmbeddedShape() {
		t.Fatalf("catalog_gen.go was made from other YAML (digest %s, now %s): run go generate ./catalog", compiledDigest, EmbeddedDigest())
	}
	parsed, err := ParseEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	if compiled := compiledCatalog(); !reflect.DeepEqual(compiled, parsed) {
		t.Fatal("compiledCatalog() differs from the parsed YAML: run go generate ./catalog")
	}
}

// TestLoadEmbeddedIsFresh checks that each Load returns its own lists
// and maps, so a caller that sorts, filters or reweighs its catalog does
// not change another's.
func TestLoadEmbeddedIsFresh(t *testing.T) {
	a, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Variants) == 0 || len(a.Families) == 0 || len(a.Safety.RedFlags) == 0 {
		t.Fatal("the embedded catalog is empty")
	}
	a.Variants[0].Name = "changed"
	a.Variants[0].Coverage[Core] = 0.99
	a.Variants[0].Pose.Joints.Set(Head, Point{X: -1, Y: -1})
	a.Families[0].Name = "changed"
	a.Safety.RedFlags[0].Level = "changed"
	b, _ := Load()
	if b.Variants[0].Name == "changed" || b.Variants[0].Coverage[Core] == 0.99 || b.Variants[0].Pose.Joints.At(Head) == (Point{X: -1, Y: -1}) ||
		b.Families[0].Name == "changed" || b.Safety.RedFlags[0].Level == "changed" {
		t.Error("a change to one loaded catalog shows in the next")
	}
}

// TestKeysMatchModel keeps the keys the loader accepts in step with the
// yaml tags of the model, so a field added to model.go is not silently
// rejected (or ignored) in catalog files.
func TestKeysMatchModel(t *testing.T) {
	tests := []struct {
		keys  []string
		model any
	}{
		{familyKeys, Family{}},
		{variantKeys, Variant{}},
		{demandsKeys, Demands{}},
		{dosageKeys, Dosage{}},
		{poseKeys, Pose{}},
		{pointKeys, Point{}},
		{propKeys, Prop{}},
		{arrowKeys, Arrow{}},
		{tipKeys, Tip{}},
		{safetyKeys, Safety{}},
		{redFlagKeys, RedFlag{}},
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.model)
		var tags []string
		for i := range typ.NumField() {
			tag, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
			if tag != "-" && tag != "" {
				tags = append(tags, tag)
			}
		}
		if !slices.Equal(tags, tt.keys) {
			t.Errorf("%s: loader keys %v, model yaml tags %v", typ.Name(), tt.keys, tags)
		}
	}
}

// TestEmbeddedDuplicates checks that the embedded files share one
// namespace: an id in two of them is a duplicate, not an override.
func TestEmbeddedDuplicates(t *testing.T) {
	const file = `families:
  - {id: heel-raise, name: Heel raise, summary: Up and down., source: here}
safety:
  red_flags:
    - {id: fever, level: warning, question: Do you have a fever, message: See a doctor., sign: Fever, source: here}
`
	b := newBuilder()
	b.addFile("catalog/data/a.yaml", []byte(file), false)
	b.addFile("catalog/data/b.yaml", []byte(file), false)
	_, err := b.finish()
	var got []string
	for _, p := range err.(Errors) {
		got = append(got, p.String())
	}
	want := []string{
		"catalog/data/a.yaml:2: families[heel-raise]: family has no variants",
		"catalog/data/b.yaml:2: families[heel-raise].id: duplicate id \"heel-raise\" (first defined at catalog/data/a.yaml:2)",
		"catalog/data/b.yaml:5: safety.red_flags[fever].id: duplicate id \"fever\" (first defined at catalog/data/a.yaml:5)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
