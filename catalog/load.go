package catalog

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
)

//go:generate go run ./internal/gen -o catalog_gen.go

// embedded holds the built-in catalog as YAML, the one source of truth.
// Only the .yaml files under data/ are read; the directory may hold
// other files (its README).
//
//go:embed data
var embedded embed.FS

// embeddedPrefix makes embedded file names in problems look like paths
// in the repository: catalog/data/exercises/cat-cow.yaml.
const embeddedPrefix = "catalog/"

// embeddedFiles lists the embedded YAML files in load order: sorted by
// path, so exercises/ comes before safety.yaml and tips.yaml.
func embeddedFiles() []string {
	var files []string
	walkEmbedded("data", func(dir string, e fs.DirEntry) {
		files = append(files, dir+"/"+e.Name())
	})
	slices.Sort(files)
	return files
}

// walkEmbedded calls fn for each .yaml file under dir, in a fixed order.
// It is fs.WalkDir without its allocations, as every command pays for
// it (see EmbeddedShape).
func walkEmbedded(dir string, fn func(dir string, e fs.DirEntry)) {
	entries, err := embedded.ReadDir(dir)
	if err != nil {
		// The embedded tree is fixed at build time; it cannot fail.
		panic(fmt.Sprintf("catalog: reading embedded %s: %v", dir, err))
	}
	for _, e := range entries {
		if e.IsDir() {
			walkEmbedded(dir+"/"+e.Name(), fn)
		} else if path.Ext(e.Name()) == ".yaml" {
			fn(dir, e)
		}
	}
}

// EmbeddedDigest identifies the embedded YAML: the CRC-32 of every file's
// name and content, and their total size. The compiled catalog records
// the digest of the YAML it was made from, and a test fails while the
// two differ.
func EmbeddedDigest() string {
	h := crc32.NewIEEE()
	size := 0
	for _, name := range embeddedFiles() {
		data, err := embedded.ReadFile(name)
		if err != nil {
			// An embedded file that cannot be read is a broken build.
			panic(fmt.Sprintf("catalog: reading embedded %s: %v", name, err))
		}
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(data)
		h.Write([]byte{0})
		size += len(data)
	}
	return "crc32:" + strconv.FormatUint(uint64(h.Sum32()), 16) + ":" + strconv.Itoa(size)
}

// EmbeddedShape identifies the embedded YAML by the names and sizes of
// its files only, which takes a microsecond where EmbeddedDigest reads
// every byte. Load checks it on every start, so a compiled catalog that
// is out of date because a file was added, removed or changed in size
// is not used even before the tests catch it.
func EmbeddedShape() string {
	crc := uint32(0)
	var buf [24]byte
	walkEmbedded("data", func(dir string, e fs.DirEntry) {
		info, err := e.Info()
		if err != nil {
			panic(fmt.Sprintf("catalog: reading embedded %s: %v", e.Name(), err))
		}
		crc = crc32.Update(crc, crc32.IEEETable, []byte(dir))
		crc = crc32.Update(crc, crc32.IEEETable, []byte(e.Name()))
		crc = crc32.Update(crc, crc32.IEEETable, strconv.AppendInt(append(buf[:0], 0), info.Size(), 10))
	})
	return "crc32:" + strconv.FormatUint(uint64(crc), 16)
}

// ParseEmbedded reads and validates the embedded YAML, ignoring the
// compiled form. Load is the same and much faster; this is for the
// generator of the compiled form and for tests.
func ParseEmbedded() (*Catalog, error) {
	b := newBuilder()
	for _, name := range embeddedFiles() {
		data, err := embedded.ReadFile(name)
		if err != nil {
			panic(fmt.Sprintf("catalog: reading embedded %s: %v", name, err))
		}
		b.addFile(embeddedPrefix+name, data, false)
	}
	return b.finish()
}

// embeddedCatalog returns a fresh copy of the embedded catalog: the
// compiled form when it was generated from YAML files of the same names
// and sizes, which takes microseconds, or else the YAML itself, which
// takes milliseconds.
func embeddedCatalog() (*Catalog, error) {
	if compiledShape == EmbeddedShape() {
		return compiledCatalog(), nil
	}
	return ParseEmbedded()
}

// Load returns the embedded catalog with the catalog files at paths
// applied in order. Within the embedded catalog and within any one file
// an id may be defined once. A later file may redefine a family, variant
// or red flag defined earlier: the new definition replaces the old one
// whole (a redefined family keeps the variants that name it). Tips and
// stop rules are added to the earlier ones, skipping exact repeats, and
// a later file's safety headlines replace earlier ones. On failure the
// error is an Errors listing every problem.
//
// Each call returns new lists and maps, but the strings and the lists
// inside entries (steps, cautions, props …) may be shared between calls:
// treat a Catalog as read-only.
func Load(paths ...string) (*Catalog, error) {
	base, err := embeddedCatalog()
	if err != nil || len(paths) == 0 {
		return base, err
	}
	b := newBuilder()
	b.seed(base)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			b.fileIndex(p)
			b.probs = append(b.probs, Problem{File: p, Msg: "cannot read file: " + err.Error()})
			continue
		}
		b.addFile(p, data, true)
	}
	return b.finish()
}

// Check validates catalog files as Load would apply them to the embedded
// catalog, and also checks the poses of the variants they define (see
// Pose.Check), which Load leaves to the illustrations. It returns nil or
// an Errors.
func Check(paths ...string) error {
	cat, err := Load(paths...)
	if err != nil {
		return err
	}
	var probs Errors
	for i, p := range paths {
		for _, v := range cat.Variants {
			if v.Origin.File != p || slices.Contains(paths[i+1:], p) {
				continue
			}
			for _, msg := range v.Pose.Check() {
				probs = append(probs, Problem{File: p, Line: v.Origin.Line, Field: "variants[" + v.ID + "].pose", Msg: msg})
			}
		}
	}
	if len(probs) > 0 {
		return probs
	}
	return nil
}

// builder merges files into a catalog, checking ids across files.
type builder struct {
	families map[string]familyEntry
	variants map[string]variantEntry
	flags    map[string]redFlagEntry
	flagIDs  []string // red flags in the order they were first defined
	tips     []Tip
	safety   Safety
	files    map[string]int // load order of each file, for sorting problems
	parts    int
	// familyRefs are families named by variants that were dropped.
	familyRefs map[string]bool
	probs      Errors
}

type familyEntry struct {
	Family
	part int
}

// seeded is the part of entries that came from an already validated
// catalog; no later definition is a duplicate of them.
const seeded = -1

func newBuilder() *builder {
	return &builder{
		families: map[string]familyEntry{},
		variants: map[string]variantEntry{},
		flags:    map[string]redFlagEntry{},
		files:    map[string]int{},

		familyRefs: map[string]bool{},
	}
}

func (b *builder) fileIndex(name string) int {
	i, ok := b.files[name]
	if !ok {
		i = len(b.files)
		b.files[name] = i
	}
	return i
}

// seed starts from an already validated catalog.
func (b *builder) seed(c *Catalog) {
	for _, f := range c.Families {
		b.fileIndex(f.Origin.File)
		b.families[f.ID] = familyEntry{Family: f, part: seeded}
	}
	for _, v := range c.Variants {
		b.fileIndex(v.Origin.File)
		b.variants[v.ID] = variantEntry{Variant: v, familyLine: v.Origin.Line, easierLine: v.Origin.Line, part: seeded}
	}
	for _, rf := range c.Safety.RedFlags {
		b.flags[rf.ID] = redFlagEntry{RedFlag: rf, part: seeded}
		b.flagIDs = append(b.flagIDs, rf.ID)
	}
	b.tips = slices.Clone(c.Tips)
	b.safety = Safety{
		StopRules: slices.Clone(c.Safety.StopRules),
		Emergency: c.Safety.Emergency,
		Urgent:    c.Safety.Urgent,
		Warning:   c.Safety.Warning,
	}
}

// addFile decodes one file and merges it. When override is false (the
// embedded files, which form one namespace) an id defined in any earlier
// file is a duplicate; when true (clinic files) it replaces the earlier
// definition, and only a repeat within the same file is a duplicate.
func (b *builder) addFile(name string, data []byte, override bool) {
	b.fileIndex(name)
	p, probs := decodeFile(name, data)
	b.probs = append(b.probs, probs...)
	part := 0
	if override {
		b.parts++
		part = b.parts
	}
	dup := func(kind, id string, line int, prev Origin) {
		where := prev.File
		if prev.Line > 0 {
			where += ":" + fmt.Sprint(prev.Line)
		}
		b.probs = append(b.probs, Problem{File: name, Line: line, Field: kind + "[" + id + "].id", Msg: fmt.Sprintf("duplicate id %q (first defined at %s)", id, where)})
	}
	for _, f := range p.families {
		if prev, ok := b.families[f.ID]; ok && prev.part == part {
			dup("families", f.ID, f.Origin.Line, prev.Origin)
			continue
		}
		b.families[f.ID] = familyEntry{Family: f, part: part}
	}
	for _, v := range p.variants {
		if prev, ok := b.variants[v.ID]; ok && prev.part == part {
			dup("variants", v.ID, v.Origin.Line, prev.Origin)
			b.familyRefs[v.Family] = true
			continue
		}
		v.part = part
		b.variants[v.ID] = v
	}
	for _, f := range p.familyRefs {
		b.familyRefs[f] = true
	}
	for _, t := range p.tips {
		if !slices.Contains(b.tips, t) {
			b.tips = append(b.tips, t)
		}
	}
	s := p.safety
	if s == nil {
		return
	}
	for _, rf := range s.redFlags {
		prev, ok := b.flags[rf.ID]
		if ok && prev.part == part {
			dup("safety.red_flags", rf.ID, rf.origin.Line, prev.origin)
			continue
		}
		if !ok {
			b.flagIDs = append(b.flagIDs, rf.ID)
		}
		rf.part = part
		b.flags[rf.ID] = rf
	}
	for _, r := range s.stopRules {
		if !slices.Contains(b.safety.StopRules, r) {
			b.safety.StopRules = append(b.safety.StopRules, r)
		}
	}
	for _, h := range []struct {
		dst *string
		src string
	}{{&b.safety.Emergency, s.emergency}, {&b.safety.Urgent, s.urgent}, {&b.safety.Warning, s.warning}} {
		if h.src != "" {
			*h.dst = h.src
		}
	}
}

// finish checks references between entries and returns the catalog, or
// every problem sorted by file (in load order) and line.
func (b *builder) finish() (*Catalog, error) {
	c := &Catalog{
		Families: make([]Family, 0, len(b.families)),
		Variants: make([]Variant, 0, len(b.variants)),
		Safety:   b.safety,
	}
	for _, f := range b.families {
		c.Families = append(c.Families, f.Family)
	}
	slices.SortFunc(c.Families, func(x, y Family) int { return strings.Compare(x.ID, y.ID) })
	familyIDs := make([]string, len(c.Families))
	for i, f := range c.Families {
		familyIDs[i] = f.ID
	}
	used := b.familyRefs
	for _, v := range b.variants {
		used[v.Family] = true
		if _, ok := b.families[v.Family]; !ok && v.Family != "" {
			b.probs = append(b.probs, Problem{File: v.Origin.File, Line: v.familyLine, Field: "variants[" + v.ID + "].family",
				Msg: fmt.Sprintf("family %q does not exist%s", v.Family, didYouMean(v.Family, familyIDs))})
		}
		if e, ok := b.variants[v.Easier]; v.Easier != "" && !ok {
			ids := make([]string, 0, len(b.variants))
			for id := range b.variants {
				ids = append(ids, id)
			}
			b.probs = append(b.probs, Problem{File: v.Origin.File, Line: v.easierLine, Field: "variants[" + v.ID + "].easier",
				Msg: fmt.Sprintf("variant %q does not exist%s", v.Easier, didYouMean(v.Easier, ids))})
		} else if ok && e.Easier == v.ID {
			// Two variants naming each other would send a person back
			// and forth; report it once, at the smaller id.
			if v.ID < e.ID {
				b.probs = append(b.probs, Problem{File: v.Origin.File, Line: v.easierLine, Field: "variants[" + v.ID + "].easier",
					Msg: fmt.Sprintf("%q names %q as easier in turn", v.Easier, v.ID)})
			}
		}
		if v.Source == "" {
			v.Source = b.families[v.Family].Source
		}
		c.Variants = append(c.Variants, v.Variant)
	}
	slices.SortFunc(c.Variants, func(x, y Variant) int { return strings.Compare(x.ID, y.ID) })
	for _, f := range c.Families {
		if !used[f.ID] {
			b.probs = append(b.probs, Problem{File: f.Origin.File, Line: f.Origin.Line, Field: "families[" + f.ID + "]", Msg: "family has no variants"})
		}
	}
	// Tips print by topic; within a topic in the order they were written.
	c.Tips = slices.Clone(b.tips)
	slices.SortStableFunc(c.Tips, func(x, y Tip) int {
		return cmp.Compare(slices.Index(TipTopics, x.Topic), slices.Index(TipTopics, y.Topic))
	})
	c.Safety.RedFlags = make([]RedFlag, len(b.flagIDs))
	for i, id := range b.flagIDs {
		c.Safety.RedFlags[i] = b.flags[id].RedFlag
	}
	if c.Tips == nil {
		c.Tips = []Tip{}
	}
	if c.Safety.StopRules == nil {
		c.Safety.StopRules = []string{}
	}
	if len(b.probs) > 0 {
		slices.SortStableFunc(b.probs, func(x, y Problem) int {
			return cmp.Or(
				cmp.Compare(b.fileIndex(x.File), b.fileIndex(y.File)),
				cmp.Compare(x.Line, y.Line),
				strings.Compare(x.Field, y.Field),
				strings.Compare(x.Msg, y.Msg),
			)
		})
		return nil, b.probs
	}
	return c, nil
}
