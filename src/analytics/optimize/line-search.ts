import type { Objective } from './objective.js'

/** sufficient decrease (Armijo) constant */
const C1 = 1e-4
/** curvature constant for quasi-Newton directions (Nocedal & Wright 2006, §3.1) */
const C2 = 0.9
const MAX_EVALUATIONS = 40

/**
 * Scratch space of a line search along `direction` from `origin`: on success `point`, `gradient`
 * and `value` hold the accepted trial.
 */
export interface LineSearchWork {
  readonly origin: Float64Array
  readonly direction: Float64Array
  readonly point: Float64Array
  readonly gradient: Float64Array
  value: number
  slope: number
  evaluations: number
}

/** Allocates the scratch of a line search in `dimension` unknowns. */
export function createLineSearchWork(dimension: number): LineSearchWork {
  return {
    origin: new Float64Array(dimension),
    direction: new Float64Array(dimension),
    point: new Float64Array(dimension),
    gradient: new Float64Array(dimension),
    value: Number.POSITIVE_INFINITY,
    slope: 0,
    evaluations: 0,
  }
}

/** φ(step) = f(origin + step·direction); a non-finite value or gradient counts as +Infinity. */
function evaluateAt(objective: Objective, work: LineSearchWork, step: number): number {
  const n = work.origin.length
  for (let i = 0; i < n; i++) {
    work.point[i] = work.origin[i]! + step * work.direction[i]!
  }
  work.evaluations++
  let value = objective(work.point, work.gradient)
  let slope = 0
  for (let i = 0; i < n; i++) {
    slope += work.gradient[i]! * work.direction[i]!
  }
  if (!Number.isFinite(value) || !Number.isFinite(slope)) {
    value = Number.POSITIVE_INFINITY
    slope = Number.NaN
  }
  work.value = value
  work.slope = slope
  return value
}

interface Bracket {
  low: number
  lowValue: number
  lowSlope: number
  high: number
  highValue: number
  highSlope: number
}

/** Minimiser of the cubic through both ends of the bracket, kept well inside it (N&W eq. 3.59). */
function interpolate(b: Bracket): number {
  const width = b.high - b.low
  let trial = b.low + 0.5 * width
  if (Number.isFinite(b.highValue) && Number.isFinite(b.highSlope)) {
    const d1 = b.lowSlope + b.highSlope - (3 * (b.lowValue - b.highValue)) / (b.low - b.high)
    const radicand = d1 * d1 - b.lowSlope * b.highSlope
    if (radicand >= 0) {
      const d2 = Math.sign(b.high - b.low) * Math.sqrt(radicand)
      trial = b.high - width * ((b.highSlope + d2 - d1) / (b.highSlope - b.lowSlope + 2 * d2))
    }
  } else {
    // the far end is outside the domain: back off hard towards the good end
    trial = b.low + 0.2 * width
  }
  const lower = Math.min(b.low + 0.1 * width, b.high - 0.1 * width)
  const upper = Math.max(b.low + 0.1 * width, b.high - 0.1 * width)
  return Number.isFinite(trial) ? Math.min(Math.max(trial, lower), upper) : b.low + 0.5 * width
}

/** True when the trial is acceptable: strong Wolfe, or Hager–Zhang's approximate Wolfe at rounding level. */
function isAcceptable(work: LineSearchWork, f0: number, slope0: number, step: number): boolean {
  const curvatureHolds = Math.abs(work.slope) <= -C2 * slope0
  if (!curvatureHolds) {
    return false
  }
  const armijo = work.value <= f0 + C1 * step * slope0
  const withinRounding =
    work.value <= f0 + 1e-14 * Math.abs(f0) && work.slope <= (2 * C1 - 1) * slope0
  return armijo || withinRounding
}

/** Zoom phase (N&W Algorithm 3.6): shrinks the bracket until a trial meets the Wolfe conditions. */
function zoom(
  objective: Objective,
  work: LineSearchWork,
  bracket: Bracket,
  origin: { f0: number; slope0: number },
): boolean {
  const { f0, slope0 } = origin
  while (work.evaluations < MAX_EVALUATIONS) {
    const step = interpolate(bracket)
    const value = evaluateAt(objective, work, step)
    if (value > f0 + C1 * step * slope0 || value >= bracket.lowValue) {
      if (isAcceptable(work, f0, slope0, step)) {
        return true
      }
      bracket.high = step
      bracket.highValue = value
      bracket.highSlope = work.slope
    } else {
      if (isAcceptable(work, f0, slope0, step)) {
        return true
      }
      if (work.slope * (bracket.high - bracket.low) >= 0) {
        bracket.high = bracket.low
        bracket.highValue = bracket.lowValue
        bracket.highSlope = bracket.lowSlope
      }
      bracket.low = step
      bracket.lowValue = value
      bracket.lowSlope = work.slope
    }
    if (Math.abs(bracket.high - bracket.low) <= 1e-14 * Math.max(Math.abs(bracket.low), 1e-14)) {
      break
    }
  }
  // no Wolfe point: settle for the best decrease seen, if any
  if (bracket.low > 0 && bracket.lowValue < f0) {
    evaluateAt(objective, work, bracket.low)
    return Number.isFinite(work.value) && work.value < f0
  }
  return false
}

/**
 * Finds a step along `work.direction` from `work.origin` that satisfies the strong Wolfe
 * conditions (Nocedal & Wright 2006, Algorithm 3.5 with cubic interpolation in the zoom).
 * Non-finite objective values make the search back off. Returns false when no step decreases
 * the objective; on true, `work.point`, `work.gradient` and `work.value` hold the new point.
 * O(evaluations · dimension) besides the objective.
 */
export function lineSearch(
  objective: Objective,
  work: LineSearchWork,
  start: { value: number; slope: number; step: number; maxStep: number },
): boolean {
  const f0 = start.value
  const slope0 = start.slope
  work.evaluations = 0
  let previous = 0
  let previousValue = f0
  let previousSlope = slope0
  let step = start.step
  while (work.evaluations < MAX_EVALUATIONS) {
    const value = evaluateAt(objective, work, step)
    if (value > f0 + C1 * step * slope0 || (previous > 0 && value >= previousValue)) {
      if (Number.isFinite(value) && isAcceptable(work, f0, slope0, step)) {
        return true
      }
      const bracket = {
        low: previous,
        lowValue: previousValue,
        lowSlope: previousSlope,
        high: step,
        highValue: value,
        highSlope: work.slope,
      }
      return zoom(objective, work, bracket, { f0, slope0 })
    }
    if (Math.abs(work.slope) <= -C2 * slope0) {
      return true
    }
    if (work.slope >= 0) {
      const bracket = {
        low: step,
        lowValue: value,
        lowSlope: work.slope,
        high: previous,
        highValue: previousValue,
        highSlope: previousSlope,
      }
      return zoom(objective, work, bracket, { f0, slope0 })
    }
    if (step >= start.maxStep) {
      // still descending at the largest allowed step: take it
      return true
    }
    previous = step
    previousValue = value
    previousSlope = work.slope
    step = Math.min(4 * step, start.maxStep)
  }
  return false
}
