import {
  createBudget,
  type EvaluationBudget,
  isBudgetStop,
  stoppedResult,
  withBudget,
} from './budget.js'
import type { MinimizeResult, Objective } from './objective.js'

/** Options of {@link nelderMead}; every field has a default. */
export interface NelderMeadOptions {
  /** iterations (reflections, expansions, contractions or shrinks); default 500·n */
  readonly maxIterations?: number
  /** stop when the simplex's values differ by at most this, relative to max(|f|, 1); default 1e-12 */
  readonly valueTolerance?: number
  /** … and its vertices by at most this, relative to max(|x|, 1); default 1e-9 */
  readonly pointTolerance?: number
  /** edge of the first simplex along each axis, relative to max(|x|, 1); default 0.1 */
  readonly initialStep?: number
  /** a cap on objective evaluations; default none (only the iterations) */
  readonly maxEvaluations?: number
  /** an evaluation budget shared with other methods (`minimize`'s); overrides `maxEvaluations` */
  readonly budget?: EvaluationBudget
}

interface Simplex {
  readonly n: number
  /** (n + 1) vertices of n coordinates, row-major */
  readonly vertices: Float64Array
  readonly values: Float64Array
  readonly order: Int32Array
}

function finiteValue(objective: Objective, point: Float64Array): number {
  const value = objective(point, null)
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY
}

function createSimplex(objective: Objective, initial: Float64Array, step: number): Simplex {
  const n = initial.length
  const vertices = new Float64Array((n + 1) * n)
  const values = new Float64Array(n + 1)
  const point = new Float64Array(n)
  for (let v = 0; v <= n; v++) {
    point.set(initial)
    if (v > 0) {
      point[v - 1] = point[v - 1]! + step * Math.max(Math.abs(point[v - 1]!), 1)
    }
    vertices.set(point, v * n)
    values[v] = finiteValue(objective, point)
  }
  const order = Int32Array.from({ length: n + 1 }, (_, i) => i)
  return { n, vertices, values, order }
}

function sortSimplex(simplex: Simplex): void {
  const { order, values } = simplex
  // insertion sort: n is small and the order barely changes between iterations
  for (let i = 1; i < order.length; i++) {
    const current = order[i]!
    let j = i - 1
    while (j >= 0 && values[order[j]!]! > values[current]!) {
      order[j + 1] = order[j]!
      j--
    }
    order[j + 1] = current
  }
}

function hasConverged(simplex: Simplex, valueTolerance: number, pointTolerance: number): boolean {
  const { n, vertices, values, order } = simplex
  const best = order[0]!
  const bestValue = values[best]!
  const worstValue = values[order[n]!]!
  if (!(worstValue - bestValue <= valueTolerance * Math.max(Math.abs(bestValue), 1))) {
    return false
  }
  for (let v = 1; v <= n; v++) {
    const vertex = order[v]!
    for (let i = 0; i < n; i++) {
      const reference = vertices[best * n + i]!
      const spread = Math.abs(vertices[vertex * n + i]! - reference)
      if (spread > pointTolerance * Math.max(Math.abs(reference), 1)) {
        return false
      }
    }
  }
  return true
}

/** point = centroid + coefficient·(centroid − worst) */
function along(simplex: Simplex, centroid: Float64Array, coefficient: number, point: Float64Array) {
  const { n, vertices, order } = simplex
  const worst = order[n]!
  for (let i = 0; i < n; i++) {
    point[i] = centroid[i]! + coefficient * (centroid[i]! - vertices[worst * n + i]!)
  }
}

function replaceWorst(simplex: Simplex, point: Float64Array, value: number): void {
  const worst = simplex.order[simplex.n]!
  simplex.vertices.set(point, worst * simplex.n)
  simplex.values[worst] = value
}

function shrink(objective: Objective, simplex: Simplex, coefficient: number, point: Float64Array) {
  const { n, vertices, values, order } = simplex
  const best = order[0]!
  for (let v = 1; v <= n; v++) {
    const vertex = order[v]!
    for (let i = 0; i < n; i++) {
      const b = vertices[best * n + i]!
      point[i] = b + coefficient * (vertices[vertex * n + i]! - b)
    }
    vertices.set(point, vertex * n)
    values[vertex] = finiteValue(objective, point)
  }
}

function computeCentroid(simplex: Simplex, centroid: Float64Array): void {
  const { n, vertices, order } = simplex
  centroid.fill(0)
  for (let v = 0; v < n; v++) {
    const vertex = order[v]!
    for (let i = 0; i < n; i++) {
      centroid[i] = centroid[i]! + vertices[vertex * n + i]! / n
    }
  }
}

/** Coefficients adapted to the dimension (Gao & Han 2012, Comput. Optim. Appl. 51, eq. 4.1). */
function coefficients(n: number) {
  return {
    expansion: 1 + 2 / n,
    contraction: 0.75 - 1 / (2 * n),
    shrinkage: 1 - 1 / n,
  }
}

/** One Nelder–Mead step: reflect, then expand, contract or shrink. */
function step(objective: Objective, simplex: Simplex, scratch: Float64Array[]): void {
  const [centroid, reflected, trial] = scratch as [Float64Array, Float64Array, Float64Array]
  const { n, values, order } = simplex
  const { expansion, contraction, shrinkage } = coefficients(Math.max(n, 2))
  computeCentroid(simplex, centroid)
  along(simplex, centroid, 1, reflected)
  const reflectedValue = finiteValue(objective, reflected)
  const best = values[order[0]!]!
  const secondWorst = values[order[n - 1]!]!
  const worst = values[order[n]!]!
  if (reflectedValue < best) {
    along(simplex, centroid, expansion, trial)
    const expandedValue = finiteValue(objective, trial)
    if (expandedValue < reflectedValue) {
      replaceWorst(simplex, trial, expandedValue)
    } else {
      replaceWorst(simplex, reflected, reflectedValue)
    }
    return
  }
  if (reflectedValue < secondWorst) {
    replaceWorst(simplex, reflected, reflectedValue)
    return
  }
  const outside = reflectedValue < worst
  along(simplex, centroid, outside ? contraction : -contraction, trial)
  const contractedValue = finiteValue(objective, trial)
  if (contractedValue < (outside ? reflectedValue : worst)) {
    replaceWorst(simplex, trial, contractedValue)
    return
  }
  shrink(objective, simplex, shrinkage, trial)
}

/** Iterates until the simplex collapses or `maxIterations`; counts into `progress.iterations`. */
function iterate(
  objective: Objective,
  simplex: Simplex,
  options: NelderMeadOptions,
  progress: { iterations: number },
): boolean {
  const n = simplex.n
  const maxIterations = options.maxIterations ?? 500 * n
  const valueTolerance = options.valueTolerance ?? 1e-12
  const pointTolerance = options.pointTolerance ?? 1e-9
  const scratch = [new Float64Array(n), new Float64Array(n), new Float64Array(n)]
  sortSimplex(simplex)
  while (progress.iterations < maxIterations) {
    if (hasConverged(simplex, valueTolerance, pointTolerance)) {
      return true
    }
    step(objective, simplex, scratch)
    sortSimplex(simplex)
    progress.iterations++
  }
  return false
}

function simplexResult(
  simplex: Simplex,
  converged: boolean,
  iterations: number,
  evaluations: number,
) {
  const n = simplex.n
  const best = simplex.order[0]!
  const value = simplex.values[best]!
  const x = simplex.vertices.slice(best * n, best * n + n)
  if (!Number.isFinite(value)) {
    const reason = 'objective not finite anywhere on the simplex'
    return { x, value, converged: false, reason, iterations, evaluations }
  }
  const reason = converged
    ? 'simplex collapsed below tolerance'
    : `no convergence in ${iterations} iterations`
  return { x, value, converged, reason, iterations, evaluations }
}

/**
 * Minimises an objective without derivatives by the Nelder–Mead simplex method (Nelder & Mead
 * 1965, Computer Journal 7(4)) with dimension-adapted coefficients (Gao & Han 2012). Non-finite
 * values count as +Infinity, so the simplex retreats from outside the domain. Stops at
 * `maxEvaluations` (or when the objective throws `MinimizationStop`) with the best point
 * evaluated, `converged: false`. O(iterations · n) evaluations at worst, usually one or two per
 * iteration.
 *
 * @example
 * ```ts
 * const { x } = nelderMead((p) => (p[0]! - 1) ** 2 + (p[1]! + 2) ** 2, new Float64Array(2))
 * ```
 */
export function nelderMead(
  objective: Objective,
  initial: Float64Array,
  options: NelderMeadOptions = {},
): MinimizeResult {
  const budget = options.budget ?? createBudget(initial, options.maxEvaluations ?? Infinity)
  const counted = withBudget(objective, budget)
  const progress = { iterations: 0 }
  try {
    const simplex = createSimplex(counted, initial, options.initialStep ?? 0.1)
    const converged = iterate(counted, simplex, options, progress)
    return simplexResult(simplex, converged, progress.iterations, budget.used)
  } catch (error) {
    if (!isBudgetStop(error)) {
      throw error
    }
    return stoppedResult(budget, progress.iterations)
  }
}
