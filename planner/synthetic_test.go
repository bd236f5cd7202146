package planner

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/limberhq/limber/catalog"
)

// synthSpec describes a random problem shaped like the catalog's:
// families of one to four variants that cover two to four of the groups
// alike, 30–180 s each, spread over about ten places with the real
// transition times.
type synthSpec struct {
	Items    int
	Groups   int
	Budget   int // seconds
	Seed     uint64
	Fixed    int // items to include
	MaxItems int
	// Places is the number of places used, ≤ len(placeNames); 0
	// means 10.
	Places int
	// Uniform puts each variant in a place drawn uniformly, whatever
	// its role: a harder stress case than a catalog, where roles go with
	// positions (see rolePlaces).
	Uniform bool
}

// rolePlaces are where each role's exercises are done, with weights,
// as in the catalog: warm-ups standing or on a chair, relaxations lying
// or kneeling, stretches and strength work everywhere.
var rolePlaces = map[catalog.Role][]struct {
	place  string
	weight int
}{
	catalog.WarmUp:      {{"standing", 40}, {"seated-chair", 30}, {"quadruped", 15}, {"supine", 15}},
	catalog.Stretch:     {{"supine", 30}, {"seated-chair", 25}, {"standing", 20}, {"seated-floor", 10}, {"kneeling", 5}, {"prone", 5}, {"side-lying", 5}},
	catalog.Strength:    {{"standing", 30}, {"supine", 25}, {"seated-chair", 20}, {"quadruped", 15}, {"side-lying", 10}},
	catalog.SelfMassage: {{"standing", 50}, {"seated-chair", 25}, {"supine", 25}},
	catalog.Relaxation:  {{"supine", 35}, {"kneeling", 25}, {"seated-chair", 20}, {"side-lying", 10}, {"prone", 10}},
}

// siblingPlace is where another variant of an exercise done at place
// goes: on a bed instead of the floor, on a chair, or standing.
func siblingPlace(rng *rand.Rand, place string) string {
	switch bed := place + "-bed"; {
	case place == "seated-floor" && rng.IntN(2) == 0:
		return "seated-bed"
	case placeIndex(bed) >= 0 && rng.IntN(5) < 3:
		return bed
	case rng.IntN(2) == 0:
		return "seated-chair"
	}
	return "standing"
}

// synthPlaces is the order in which places join a synthetic problem:
// the common ones first.
var synthPlaces = []string{"standing", "supine", "seated-chair", "quadruped", "prone", "seated-floor", "side-lying", "kneeling", "seated-bed", "supine-bed", "side-lying-bed", "prone-bed", "kneeling-bed", "quadruped-bed"}

func synthetic(sp synthSpec) Problem {
	rng := rand.New(rand.NewPCG(sp.Seed, 0x5eed))
	np := sp.Places
	if np == 0 {
		np = 10
	}
	full := transitionMatrix()
	p := Problem{Budget: sp.Budget, MaxItems: sp.MaxItems, Start: 0, WarmUpFirst: true, RelaxLast: true, NeedStrength: sp.Budget >= 480}
	idx := make([]int, np)
	for q := 0; q < np; q++ {
		p.Places = append(p.Places, synthPlaces[q])
		idx[q] = placeIndex(synthPlaces[q])
	}
	// place picks a place of the problem for a role: the catalog's
	// distribution, folded onto the places the problem has.
	local := func(name string) int {
		if q := slices.Index(p.Places, name); q >= 0 {
			return q
		}
		return 0
	}
	place := func(role catalog.Role) int {
		total := 0
		for _, rp := range rolePlaces[role] {
			total += rp.weight
		}
		x := rng.IntN(total)
		for _, rp := range rolePlaces[role] {
			if x < rp.weight {
				return local(rp.place)
			}
			x -= rp.weight
		}
		return 0
	}
	p.Transition = make([][]int, np)
	for a := range p.Transition {
		p.Transition[a] = make([]int, np)
		for b := range p.Transition[a] {
			p.Transition[a][b] = full[idx[a]][idx[b]]
		}
	}
	for g := 0; g < sp.Groups; g++ {
		p.Groups = append(p.Groups, fmt.Sprintf("g%02d", g))
		p.Weights = append(p.Weights, float64(5+rng.IntN(11))/10) // 0.5–1.5
	}
	roles := []catalog.Role{catalog.WarmUp, catalog.WarmUp, catalog.Stretch, catalog.Stretch, catalog.Stretch, catalog.Stretch, catalog.Strength, catalog.Strength, catalog.Strength, catalog.SelfMassage, catalog.Relaxation, catalog.Relaxation}
	round := func(x, step float64) float64 { return math.Round(x/step) * step }
	fam := 0
	for len(p.Items) < sp.Items {
		size := []int{1, 1, 1, 1, 2, 2, 2, 3, 3, 4}[rng.IntN(10)]
		size = min(size, sp.Items-len(p.Items))
		role := roles[rng.IntN(len(roles))]
		ng := min(2+rng.IntN(3), sp.Groups)
		groups := rng.Perm(sp.Groups)[:ng]
		base := make([]float64, ng)
		for k := range base {
			base[k] = round(0.3+0.7*rng.Float64(), 0.05)
		}
		dur := 30 + rng.IntN(151)
		home := place(role)
		for v := 0; v < size; v++ {
			it := Item{
				ID:     fmt.Sprintf("f%03d-v%d", fam, v),
				Family: fmt.Sprintf("f%03d", fam),
				Place:  home,
				Role:   role,
				Cover:  make([]float64, sp.Groups),
			}
			switch {
			case sp.Uniform:
				it.Place = rng.IntN(np)
				if rng.IntN(3) == 0 {
					it.Place = 0 // standing work is common
				}
			case v > 0:
				it.Place = local(siblingPlace(rng, p.Places[home]))
			}
			for k, g := range groups {
				it.Cover[g] = math.Min(1, round(base[k]*(0.6+0.4*rng.Float64()), 0.05))
			}
			it.Seconds = min(180, max(30, dur+rng.IntN(41)-20))
			if rng.IntN(10) < 3 {
				it.Bonus = round(0.01+0.02*rng.Float64(), 0.005)
			}
			p.Items = append(p.Items, it)
		}
		fam++
	}
	// Includes: distinct families, short enough to leave room.
	for k := 0; k < sp.Fixed; k++ {
		i := rng.IntN(len(p.Items))
		ok := p.Items[i].Seconds < p.Budget/4
		for _, o := range p.Items {
			if o.Fixed && o.Family == p.Items[i].Family {
				ok = false
			}
		}
		if ok {
			p.Items[i].Fixed = true
		}
	}
	return p
}
