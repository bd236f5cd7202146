package profiles

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// presetFiles holds the presets: profiles/presets/NAME.yaml, in the same
// form as a profile file, with a one-line summary comment on top.
//
//go:embed presets/*.yaml
var presetFiles embed.FS

// PresetNames returns the names of the embedded presets, sorted.
func PresetNames() []string {
	entries, err := fs.ReadDir(presetFiles, "presets")
	if err != nil {
		panic("profiles: embedded presets unreadable: " + err.Error())
	}
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// Preset returns the default profile changed by the named preset.
func Preset(name string) (Profile, error) {
	if _, err := PresetValues(name); err != nil {
		return Profile{}, err
	}
	return Apply(Default(), map[string]any{"preset": name}, Known{})
}

// PresetValues returns the fields the named preset sets, as Parse
// returns them, so a caller can tell which values came from the preset.
func PresetValues(name string) (map[string]any, error) {
	file := path.Join("presets", name+".yaml")
	data, err := presetFiles.ReadFile(file)
	if err != nil || strings.ContainsAny(name, `/\`) {
		return nil, Errors{{Field: "preset",
			Msg: fmt.Sprintf("%s is not one of %s", quote(name), strings.Join(PresetNames(), ", "))}}
	}
	values, err := Parse("profiles/"+file, data, Known{})
	if err != nil {
		return nil, err
	}
	if _, ok := values["preset"]; ok {
		return nil, Errors{{File: "profiles/" + file, Field: "preset", Msg: "a preset cannot start from another preset"}}
	}
	return values, nil
}

// PresetSummary returns the one-line description at the top of the
// preset's file, or "" when there is no such preset.
func PresetSummary(name string) string {
	data, err := presetFiles.ReadFile(path.Join("presets", name+".yaml"))
	if err != nil {
		return ""
	}
	first, _, _ := strings.Cut(string(data), "\n")
	if s, ok := strings.CutPrefix(first, "#"); ok {
		return strings.TrimSpace(s)
	}
	return ""
}
