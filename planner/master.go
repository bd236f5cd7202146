package planner

import (
	"errors"
	"math"
)

// master is a small bounded-variable primal simplex (maximisation, rows
// Σ_j A_ij x_j = rhs_i with a slack in every row, 0 ≤ x_j ≤ ub_j) with
// an explicit basis inverse. It solves the restricted master problem of
// the column generation that computes the exact LP bound at the root:
// a row per group, a convexity row and a row for the item cap, so m ≤ 14
// for the catalog's groups and dense algebra is the cheapest choice.
type master struct {
	m     int
	rhs   []float64
	cols  [][]float64 // dense columns; nil for unit columns
	unit  []int       // row of a unit column's nonzero, -1 for dense ones
	uval  []float64   // value of a unit column's nonzero
	obj   []float64
	ub    []float64
	atUp  []bool // nonbasic at its upper bound
	basic []int
	inB   []int
	binv  []float64 // m×m, row-major
	xB    []float64
	pi    []float64
	alpha []float64
	arena []float64 // backing store of dense columns, reused
}

var errMasterUnbounded = errors.New("planner: master problem unbounded")

// reset makes ms a master with len(rhs) rows and a slack column per row
// whose objective is slackObj[i]: 0 for a ≤ row, a large negative
// penalty for a ≥ row, where the "slack" is an artificial variable the
// simplex drives out (big-M). The slacks form the starting basis,
// feasible because rhs ≥ 0. The memory of earlier use is reused: a
// master is reset at every node of the search.
func (ms *master) reset(rhs, slackObj []float64) {
	m := len(rhs)
	ms.m = m
	ms.rhs = append(ms.rhs[:0], rhs...)
	ms.xB = append(ms.xB[:0], rhs...)
	ms.cols, ms.unit, ms.uval = ms.cols[:0], ms.unit[:0], ms.uval[:0]
	ms.obj, ms.ub, ms.atUp, ms.inB = ms.obj[:0], ms.ub[:0], ms.atUp[:0], ms.inB[:0]
	ms.arena = ms.arena[:0]
	ms.binv = grow(ms.binv, m*m)
	clear(ms.binv)
	ms.pi, ms.alpha = grow(ms.pi, m), grow(ms.alpha, m)
	ms.basic = ms.basic[:0]
	for i := 0; i < m; i++ {
		ms.addUnit(slackObj[i], i, 1, math.Inf(1))
		ms.basic = append(ms.basic, i)
		ms.inB[i] = i
		ms.binv[i*m+i] = 1
	}
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// addUnit adds a nonbasic column whose only nonzero is val in row r.
func (ms *master) addUnit(obj float64, r int, val, ub float64) int {
	ms.cols = append(ms.cols, nil)
	ms.unit = append(ms.unit, r)
	ms.uval = append(ms.uval, val)
	return ms.push(obj, ub)
}

// swapUnit makes the unit column j, whose nonzero is 1 in row r, basic
// in place of row r's slack, which leaves at its lower bound 0. The
// basis inverse is unchanged; it is only valid straight after reset,
// while row r's slack is basic and the basic values are the rhs.
func (ms *master) swapUnit(r, j int) {
	out := ms.basic[r]
	ms.inB[out] = -1
	ms.atUp[out] = false
	ms.basic[r] = j
	ms.inB[j] = r
}

// newColumn returns a zeroed dense column to fill and pass to
// addColumn; it lives in the master's arena.
func (ms *master) newColumn() []float64 {
	if len(ms.arena)+ms.m > cap(ms.arena) {
		ms.arena = make([]float64, 0, 2*cap(ms.arena)+16*ms.m)
	}
	n := len(ms.arena)
	ms.arena = ms.arena[:n+ms.m]
	col := ms.arena[n : n+ms.m : n+ms.m]
	clear(col)
	return col
}

// addColumn adds a nonbasic dense column at its lower bound 0.
func (ms *master) addColumn(obj float64, col []float64, ub float64) int {
	ms.cols = append(ms.cols, col)
	ms.unit = append(ms.unit, -1)
	ms.uval = append(ms.uval, 0)
	return ms.push(obj, ub)
}

func (ms *master) push(obj, ub float64) int {
	ms.obj = append(ms.obj, obj)
	ms.ub = append(ms.ub, ub)
	ms.atUp = append(ms.atUp, false)
	ms.inB = append(ms.inB, -1)
	return len(ms.obj) - 1
}

// entry is A_kj.
func (ms *master) entry(k, j int) float64 {
	if r := ms.unit[j]; r >= 0 {
		if r == k {
			return ms.uval[j]
		}
		return 0
	}
	return ms.cols[j][k]
}

// value is the objective of the current basic solution.
func (ms *master) value() float64 {
	v := 0.0
	for i, b := range ms.basic {
		v += float64(ms.obj[b] * ms.xB[i])
	}
	for j := range ms.obj {
		if ms.inB[j] < 0 && ms.atUp[j] {
			v += float64(ms.obj[j] * ms.ub[j])
		}
	}
	return v
}

// solve runs primal simplex iterations to optimality and returns the
// objective; the row duals are then in ms.pi.
func (ms *master) solve() (float64, error) {
	const (
		dTol = 1e-11 // reduced cost
		pTol = 1e-11 // pivot element
	)
	m := ms.m
	degenerate := 0
	for iter := 0; iter < 100000; iter++ {
		// π = c_B B⁻¹
		pi := ms.pi[:m]
		clear(pi)
		for i, b := range ms.basic {
			if c := ms.obj[b]; c != 0 {
				row := ms.binv[i*m : i*m+m]
				row = row[:len(pi)]
				for k, v := range row {
					pi[k] += float64(c * v)
				}
			}
		}
		// Pricing: Dantzig's rule, Bland's after a run of degenerate
		// pivots so the method cannot cycle.
		bland := degenerate > 30
		q, best := -1, 0.0
		for j, col := range ms.cols {
			if ms.inB[j] >= 0 {
				continue
			}
			d := ms.obj[j]
			if r := ms.unit[j]; r >= 0 {
				d -= float64(pi[r] * ms.uval[j])
			} else {
				col = col[:len(pi)]
				for k, a := range col {
					d -= float64(pi[k] * a)
				}
			}
			var gain float64
			if !ms.atUp[j] && d > dTol {
				gain = d
			} else if ms.atUp[j] && d < -dTol {
				gain = -d
			} else {
				continue
			}
			if bland {
				q = j
				break
			}
			if gain > best {
				q, best = j, gain
			}
		}
		if q < 0 {
			return ms.value(), nil
		}
		// α = B⁻¹ A_q; x_B moves by −t·α when x_q rises, +t·α when it
		// falls from its upper bound.
		if r := ms.unit[q]; r >= 0 {
			for i := 0; i < m; i++ {
				ms.alpha[i] = ms.binv[i*m+r] * ms.uval[q]
			}
		} else {
			col := ms.cols[q][:m]
			for i := 0; i < m; i++ {
				a := 0.0
				row := ms.binv[i*m : i*m+m]
				row = row[:len(col)]
				for k, c := range col {
					a += float64(row[k] * c)
				}
				ms.alpha[i] = a
			}
		}
		sign := -1.0
		if ms.atUp[q] {
			sign = 1
		}
		tMax := ms.ub[q]
		leave, leaveUp := -1, false
		for i := 0; i < m; i++ {
			delta := sign * ms.alpha[i]
			b := ms.basic[i]
			var t float64
			var up bool
			switch {
			case delta < -pTol:
				t = ms.xB[i] / -delta
			case delta > pTol && !math.IsInf(ms.ub[b], 1):
				t, up = (ms.ub[b]-ms.xB[i])/delta, true
			default:
				continue
			}
			if t < 0 {
				t = 0
			}
			if t < tMax || (t == tMax && leave >= 0 && (bland && b < ms.basic[leave] || !bland && math.Abs(ms.alpha[i]) > math.Abs(ms.alpha[leave]))) {
				tMax, leave, leaveUp = t, i, up
			}
		}
		if math.IsInf(tMax, 1) {
			return 0, errMasterUnbounded
		}
		if tMax < 1e-12 {
			degenerate++
		} else {
			degenerate = 0
		}
		for i := 0; i < m; i++ {
			ms.xB[i] += float64(tMax * sign * ms.alpha[i])
		}
		if leave < 0 {
			ms.atUp[q] = !ms.atUp[q] // bound flip
			continue
		}
		// Pivot: x_q enters in row leave.
		entering := tMax
		if ms.atUp[q] {
			entering = ms.ub[q] - tMax
		}
		out := ms.basic[leave]
		ms.inB[out] = -1
		ms.atUp[out] = leaveUp
		ms.basic[leave] = q
		ms.inB[q] = leave
		ms.atUp[q] = false
		ms.xB[leave] = entering
		piv := ms.alpha[leave]
		prow := ms.binv[leave*m : leave*m+m]
		for k := range prow {
			prow[k] /= piv
		}
		for i, f := range ms.alpha[:m] {
			if i == leave || f == 0 {
				continue
			}
			row := ms.binv[i*m : i*m+m]
			row = row[:len(prow)]
			for k, v := range prow {
				row[k] -= float64(f * v)
			}
		}
	}
	return ms.value(), errors.New("planner: master simplex did not converge")
}

// refactor recomputes the basis inverse and the basic values from
// scratch (Gauss–Jordan with partial pivoting), which wipes out the
// rounding the product updates accumulate. It reports false when the
// basis is numerically singular, leaving the old inverse in place.
func (ms *master) refactor() bool {
	m := ms.m
	a := make([]float64, m*m)
	inv := make([]float64, m*m)
	for i, b := range ms.basic {
		for k := 0; k < m; k++ {
			a[k*m+i] = ms.entry(k, b)
		}
		inv[i*m+i] = 1
	}
	for c := 0; c < m; c++ {
		p := c
		for r := c + 1; r < m; r++ {
			if math.Abs(a[r*m+c]) > math.Abs(a[p*m+c]) {
				p = r
			}
		}
		if math.Abs(a[p*m+c]) < 1e-12 {
			return false
		}
		if p != c {
			for k := 0; k < m; k++ {
				a[p*m+k], a[c*m+k] = a[c*m+k], a[p*m+k]
				inv[p*m+k], inv[c*m+k] = inv[c*m+k], inv[p*m+k]
			}
		}
		d := a[c*m+c]
		for k := 0; k < m; k++ {
			a[c*m+k] /= d
			inv[c*m+k] /= d
		}
		for r := 0; r < m; r++ {
			if r == c || a[r*m+c] == 0 {
				continue
			}
			f := a[r*m+c]
			for k := 0; k < m; k++ {
				a[r*m+k] -= float64(f * a[c*m+k])
				inv[r*m+k] -= float64(f * inv[c*m+k])
			}
		}
	}
	copy(ms.binv, inv)
	// x_B = B⁻¹ (rhs − Σ_{j at upper} A_j u_j)
	rhs := append([]float64(nil), ms.rhs...)
	for j := range ms.obj {
		if ms.inB[j] < 0 && ms.atUp[j] {
			for k := 0; k < m; k++ {
				rhs[k] -= float64(ms.entry(k, j) * ms.ub[j])
			}
		}
	}
	for i := 0; i < m; i++ {
		x := 0.0
		for k := 0; k < m; k++ {
			x += float64(ms.binv[i*m+k] * rhs[k])
		}
		if x < 0 && x > -1e-12 {
			x = 0
		}
		ms.xB[i] = x
	}
	return true
}
