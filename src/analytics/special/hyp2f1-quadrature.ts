/**
 * 2F1 from Euler's integral by tanh-sinh (double-exponential) quadrature in log space: the kernel
 * for z close to 1, where the Gauss series needs millions of terms. The integrand is positive, so
 * the sum has no cancellation, and its endpoint singularities are what tanh-sinh is made for
 * (Takahasi & Mori 1974).
 */
import { digamma } from './digamma.js'
import { logBeta } from './log-beta.js'

/** parameters of one evaluation; `oneMinusZ` is 1 − z, passed in to keep it exact */
export interface UnitIntervalArguments {
  readonly a: number
  readonly b: number
  readonly c: number
  readonly z: number
  readonly oneMinusZ: number
}

const FIRST_STEP = 0.25
const MIN_LEVEL = 2
const MAX_LEVEL = 9
/** the change between levels; the error left is about its square, ~1e-14 */
const LEVEL_TOLERANCE = 1e-7
/** how far below its peak (in e-folds) the integrand may be cut off */
const CUTOFF = 45

/** running log-sum-exp of the nodes and the weighted sums of the four gradient moments */
const state = new Float64Array(6)
const MAXIMUM = 0
const SUM = 1

function softplus(y: number): number {
  return y > 0 ? y + Math.log1p(Math.exp(-y)) : Math.log1p(Math.exp(y))
}

/** adds the node at x (t = (1 + tanh(π/2 sinh x))/2) to `state` */
function addNode(x: number, args: UnitIntervalArguments): void {
  const { a, b, c, z, oneMinusZ } = args
  const u = Math.PI * Math.sinh(x)
  const logT = -softplus(-u)
  const logOneMinusT = -softplus(u)
  const t = Math.exp(logT)
  const oneMinusZt = oneMinusZ + z * Math.exp(logOneMinusT)
  const logOneMinusZt = Math.log(oneMinusZt)
  const absX = Math.abs(x)
  const logCosh = absX + Math.log1p(Math.exp(-2 * absX)) - Math.LN2
  const logNode =
    b * logT + (c - b) * logOneMinusT - a * logOneMinusZt + Math.log(Math.PI) + logCosh
  if (logNode > state[MAXIMUM]!) {
    const shrink = Math.exp(state[MAXIMUM]! - logNode)
    for (let i = SUM; i < 6; i++) {
      state[i]! *= shrink
    }
    state[MAXIMUM] = logNode
  }
  const weight = Math.exp(logNode - state[MAXIMUM]!)
  state[SUM]! += weight
  state[2]! += weight * logT
  state[3]! += weight * logOneMinusT
  state[4]! += weight * logOneMinusZt
  state[5]! += weight * (t / oneMinusZt)
}

/** the x range outside which the integrand is below e^-45 of its mass, from its endpoint powers */
function nodeRange(args: UnitIntervalArguments): { left: number; right: number } {
  const { a, b, c, oneMinusZ } = args
  const logTLeft = Math.max(0, Math.log(c / b)) + CUTOFF / b + 2
  const growth = a * Math.max(0, -Math.log(oneMinusZ))
  const logTRight = Math.max(0, Math.log(c / (c - b))) + (CUTOFF + growth) / (c - b) + 2
  return {
    left: Math.min(Math.asinh(logTLeft / Math.PI) + 0.5, 30),
    right: Math.min(Math.asinh(logTRight / Math.PI) + 0.5, 30),
  }
}

/** adds the nodes k·step of one level inside the range (odd k only after level 0) */
function addLevel(
  args: UnitIntervalArguments,
  range: { left: number; right: number },
  level: number,
): void {
  const step = FIRST_STEP / 2 ** level
  const stride = level === 0 ? 1 : 2
  const first = level === 0 ? 0 : 1
  for (let k = first; k * step <= range.right; k += stride) {
    addNode(k * step, args)
  }
  for (let k = 1; k * step <= range.left; k += stride) {
    addNode(-k * step, args)
  }
}

/**
 * ln 2F1(a, b; c; z) for c > b > 0, a ≥ 0 and 0 ≤ z < 1 from Euler's integral
 * Γ(c)/(Γ(b)Γ(c − b)) ∫₀¹ t^(b−1) (1 − t)^(c−b−1) (1 − zt)^(−a) dt (DLMF 15.6.1). When `gradient`
 * is given, writes ∂ln F/∂a, ∂b, ∂c, ∂z as moments of the integrand. O(nodes), a few hundred to a
 * few thousand; `NaN` when successive halvings of the step do not agree to 1e-7.
 */
export function logHyp2f1Quadrature(
  args: UnitIntervalArguments,
  gradient: Float64Array | null,
): number {
  state.fill(0)
  state[MAXIMUM] = Number.NEGATIVE_INFINITY
  const range = nodeRange(args)
  let previous = Number.NaN
  for (let level = 0; level <= MAX_LEVEL; level++) {
    addLevel(args, range, level)
    const step = FIRST_STEP / 2 ** level
    const logIntegral = Math.log(step) + state[MAXIMUM]! + Math.log(state[SUM]!)
    if (level >= MIN_LEVEL && Math.abs(logIntegral - previous) < LEVEL_TOLERANCE) {
      writeGradient(args, gradient)
      return logIntegral - logBeta(args.b, args.c - args.b)
    }
    previous = logIntegral
  }
  return Number.NaN
}

function writeGradient(args: UnitIntervalArguments, gradient: Float64Array | null): void {
  if (gradient === null) {
    return
  }
  const { a, b, c } = args
  const sum = state[SUM]!
  const meanLogT = state[2]! / sum
  const meanLogOneMinusT = state[3]! / sum
  gradient[0] = -state[4]! / sum
  gradient[1] = digamma(c - b) - digamma(b) + meanLogT - meanLogOneMinusT
  gradient[2] = digamma(c) - digamma(c - b) + meanLogOneMinusT
  gradient[3] = (a * state[5]!) / sum
}
