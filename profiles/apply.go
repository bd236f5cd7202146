package profiles

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Apply returns base with values applied and the result validated
// against k. Keys are field names in snake_case (see Fields); "preset"
// applies that preset's values first and the other keys after it.
//
// Values may be typed, as decoded from JSON or YAML (numbers, booleans,
// strings, lists, mappings), or strings as read from a CSV cell or an
// environment variable:
//
//	whole numbers   "12"
//	booleans        "true", "false", "yes", "no", "y", "n", "1", "0", "on", "off"
//	lists           "strap,cushion" (commas or semicolons)
//	weights         "hamstrings=1.5;core=2" (semicolons or commas)
//
// A list value replaces the whole list and a weights value the whole
// map. A nil value or an empty (or blank) string means "not given" and
// leaves the field as it is in base, as a blank CSV cell should. Names
// and ids are matched without regard to case or surrounding spaces;
// repeated list items are dropped.
//
// Every problem is reported, as Errors ordered by field.
func Apply(base Profile, values map[string]any, k Known) (Profile, error) {
	p := base.clone()
	var probs Errors
	bad := map[string]bool{}
	if name, ok := values["preset"]; ok && Given(name) {
		preset, msg := presetValues(name)
		if msg != "" {
			probs = append(probs, Problem{Field: "preset", Msg: msg})
			bad["preset"] = true
		} else {
			p = applyValid(p, preset)
		}
	}
	keys := make([]string, 0, len(values))
	for key := range values {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		if key == "preset" {
			continue
		}
		f, ok := Lookup(key)
		if !ok {
			probs = append(probs, Problem{Field: key, Msg: unknownFieldMsg(key)})
			continue
		}
		if msg := f.assign(&p, values[key]); msg != "" {
			probs = append(probs, Problem{Field: key, Msg: msg})
			bad[key] = true
		}
	}
	if err := p.Validate(k); err != nil {
		for _, prob := range err.(Errors) {
			// A value that could not be read left the field unchanged;
			// what is there now is base's business, not the caller's.
			if !bad[prob.Field] {
				probs = append(probs, prob)
			}
		}
	}
	if len(probs) > 0 {
		probs.sortByField()
		return Profile{}, probs
	}
	return p, nil
}

// applyValid applies values already read and checked (a preset's).
func applyValid(p Profile, values map[string]any) Profile {
	for _, f := range fields() {
		if v, ok := values[f.Name]; ok {
			f.assign(&p, v)
		}
	}
	return p
}

// presetValues returns the values of the preset named by v, or a message
// saying why there is none.
func presetValues(v any) (map[string]any, string) {
	s, msg := toText(v, "a preset name")
	if msg != "" {
		return nil, msg
	}
	name := strings.ToLower(strings.TrimSpace(s))
	values, err := PresetValues(name)
	if err != nil {
		return nil, fmt.Sprintf("%s is not one of %s", quote(name), strings.Join(PresetNames(), ", "))
	}
	values["preset"] = name
	return values, ""
}

// unknownFieldMsg says a key is not a field, suggesting the nearest
// field or other allowed key.
func unknownFieldMsg(key string, other ...string) string {
	names := append(fieldNames(), other...)
	if near := nearest(key, names); near != "" {
		return fmt.Sprintf("unknown field; did you mean %q?", near)
	}
	return "unknown field (allowed: " + strings.Join(names, ", ") + ")"
}

// Given reports whether a value says anything: nil and blank strings do
// not. Apply leaves a field as it was when its value is not given (an
// empty CSV cell, `patient:` with nothing after it).
func Given(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(v) != ""
	}
	return true
}

// assign converts v and stores it in the field of p. It returns a
// message when v has the wrong type or form; whether the value is
// allowed is Validate's business.
func (f Field) assign(p *Profile, v any) string {
	if !Given(v) {
		return ""
	}
	switch r := f.ref(p).(type) {
	case *int:
		n, msg := f.toInt(v)
		if msg == "" && (n < math.MinInt || n > math.MaxInt) {
			msg = fmt.Sprintf("%d is out of range (%d–%d)", n, f.Min, f.Max)
		}
		if msg != "" {
			return msg
		}
		*r = int(n)
	case *int64:
		n, msg := f.toInt(v)
		if msg != "" {
			return msg
		}
		*r = n
	case *bool:
		b, msg := toBool(v)
		if msg != "" {
			return msg
		}
		*r = b
	case *string:
		what := "text"
		if f.Kind == KindEnum {
			what = "one of " + strings.Join(f.Allowed, ", ")
		}
		s, msg := toText(v, what)
		if msg != "" {
			return msg
		}
		s = strings.TrimSpace(s)
		if f.Kind == KindEnum {
			s = strings.ToLower(s)
		}
		*r = s
	case *[]string:
		items, msg := toList(v)
		if msg != "" {
			return msg
		}
		*r = items
	case *map[string]float64:
		w, msg := toWeights(v)
		if msg != "" {
			return msg
		}
		*r = w
	}
	return ""
}

// describe names a value in a message: strings quoted, numbers as
// written, containers by their shape.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return quote(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32)
	case []any, []string:
		return "a list"
	case map[string]any, map[any]any, map[string]float64:
		return "a mapping"
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(v)
	}
	return fmt.Sprintf("a value of type %T", v)
}

// toInt reads a whole number. Numbers beyond int64 are out of the range
// of every field, and are reported as such.
func (f Field) toInt(v any) (int64, string) {
	outOfRange := fmt.Sprintf("%s is out of range (%d–%d)", describe(v), f.Min, f.Max)
	if f.Name == "seed" {
		outOfRange = fmt.Sprintf("%s is not a 64-bit whole number", describe(v))
	}
	notWhole := fmt.Sprintf("%s is not a whole number", describe(v))
	switch n := v.(type) {
	case int:
		return int64(n), ""
	case int8:
		return int64(n), ""
	case int16:
		return int64(n), ""
	case int32:
		return int64(n), ""
	case int64:
		return n, ""
	case uint:
		if uint64(n) > math.MaxInt64 {
			return 0, outOfRange
		}
		return int64(n), ""
	case uint8:
		return int64(n), ""
	case uint16:
		return int64(n), ""
	case uint32:
		return int64(n), ""
	case uint64:
		if n > math.MaxInt64 {
			return 0, outOfRange
		}
		return int64(n), ""
	case float32:
		return floatToInt(float64(n), notWhole, outOfRange)
	case float64:
		return floatToInt(n, notWhole, outOfRange)
	case bool:
		if f.Name == "pregnant" {
			return pregnantBool(n, v)
		}
		return 0, notWhole
	case string:
		s := strings.TrimSpace(n)
		i, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			return i, ""
		}
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, outOfRange
		}
		if f.Name == "pregnant" {
			if b, msg := toBool(s); msg == "" {
				return pregnantBool(b, v)
			}
		}
		return 0, notWhole
	}
	return 0, fmt.Sprintf("expected a whole number, not %s", describe(v))
}

// pregnantBool reads "pregnant: no" as 0; a yes does not say which
// trimester, which the planner needs.
func pregnantBool(b bool, v any) (int64, string) {
	if !b {
		return 0, ""
	}
	return 0, fmt.Sprintf("%s is not a trimester: give 1, 2 or 3 (0 when not pregnant)", describe(v))
}

// floatToInt accepts a float that is a whole number, as JSON decoders
// give every number as a float64.
func floatToInt(x float64, notWhole, outOfRange string) (int64, string) {
	switch {
	case math.IsNaN(x) || x != math.Trunc(x):
		return 0, notWhole
	case x < math.MinInt64 || x >= math.MaxInt64:
		return 0, outOfRange
	}
	return int64(x), ""
}

func toBool(v any) (bool, string) {
	switch b := v.(type) {
	case bool:
		return b, ""
	case string:
		switch strings.ToLower(strings.TrimSpace(b)) {
		case "true", "yes", "y", "1", "on":
			return true, ""
		case "false", "no", "n", "0", "off":
			return false, ""
		}
	case int, int64, float64:
		switch fmt.Sprint(b) {
		case "1":
			return true, ""
		case "0":
			return false, ""
		}
	}
	if describe(v) == "a list" || describe(v) == "a mapping" {
		return false, fmt.Sprintf("expected true or false, not %s", describe(v))
	}
	return false, fmt.Sprintf("%s is not true or false (allowed: true, false, yes, no)", describe(v))
}

// toText reads a string; numbers and booleans are taken as written, so
// a spreadsheet's 42 is a fine patient name or number.
func toText(v any, what string) (string, string) {
	switch s := v.(type) {
	case string:
		return s, ""
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return describe(s), ""
	}
	return "", fmt.Sprintf("expected %s, not %s", what, describe(v))
}

// toList reads a list of names: a list, or one string of names
// separated by commas or semicolons.
func toList(v any) ([]string, string) {
	var raw []string
	switch l := v.(type) {
	case string:
		raw = strings.FieldsFunc(l, func(r rune) bool { return r == ',' || r == ';' })
	case []string:
		raw = l
	case []any:
		for _, item := range l {
			if item == nil {
				continue
			}
			s, msg := toText(item, "a name")
			if msg != "" {
				return nil, "list items: " + msg
			}
			raw = append(raw, s)
		}
	default:
		return nil, fmt.Sprintf("expected a list of names, not %s", describe(v))
	}
	items := []string{}
	for _, s := range raw {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && !slices.Contains(items, s) {
			items = append(items, s)
		}
	}
	return items, ""
}

// toWeights reads muscle-group weights: a mapping, or one string of
// GROUP=WEIGHT pairs separated by semicolons or commas.
func toWeights(v any) (map[string]float64, string) {
	w := map[string]float64{}
	put := func(group string, weight any) string {
		group = strings.ToLower(strings.TrimSpace(group))
		x, msg := toFloat(weight)
		if msg != "" {
			return fmt.Sprintf("%s=%s", group, msg)
		}
		w[group] = x
		return ""
	}
	var msgs []string
	switch m := v.(type) {
	case string:
		for _, pair := range strings.FieldsFunc(m, func(r rune) bool { return r == ';' || r == ',' }) {
			if strings.TrimSpace(pair) == "" {
				continue
			}
			group, weight, ok := strings.Cut(pair, "=")
			if !ok {
				msgs = append(msgs, fmt.Sprintf("%s is not GROUP=WEIGHT", quote(strings.TrimSpace(pair))))
				continue
			}
			if msg := put(group, weight); msg != "" {
				msgs = append(msgs, msg)
			}
		}
	case map[string]float64:
		for g, x := range m {
			put(g, x)
		}
	case map[string]any:
		for _, g := range sortedAnyKeys(m) {
			if msg := put(g, m[g]); msg != "" {
				msgs = append(msgs, msg)
			}
		}
	default:
		return nil, fmt.Sprintf("expected GROUP=WEIGHT pairs, not %s", describe(v))
	}
	if len(msgs) > 0 {
		return nil, strings.Join(msgs, "; ")
	}
	return w, ""
}

func toFloat(v any) (float64, string) {
	switch x := v.(type) {
	case float64:
		return x, ""
	case float32:
		return float64(x), ""
	case int:
		return float64(x), ""
	case int64:
		return float64(x), ""
	case uint64:
		return float64(x), ""
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err == nil {
			return f, ""
		}
	}
	return 0, fmt.Sprintf("%s is not a number", describe(v))
}

func sortedAnyKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
