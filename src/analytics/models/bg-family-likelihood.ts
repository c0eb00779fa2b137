import type { Objective } from '../optimize/objective.js'
import { digamma } from '../special/digamma.js'
import { logGamma } from '../special/log-gamma.js'
import type { BgFamilyData } from './bg-family-data.js'

/**
 * The log-likelihood of the BG/NBD family on compressed rows, per customer
 * (Fader, Hardie & Lee 2005, §3, for shift 0; Batislam, Denizel & Filiztekin 2007 for shift 1,
 * as BTYDplus's `mbgcnbd.LL` with k = 1):
 *
 *   ℓ = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T)
 *       + ln Γ(b+x+s) − ln Γ(b) + ln Γ(a+b) − ln Γ(a+b+x+s)
 *       + ln(1 + [s = 1 or x > 0] · a/(b+x+s−1) · ((α+T)/(α+t_x))^(r+x))
 *
 * i.e. ln[B(a, b+x+s)/B(a,b) · NBD term · (1 + the "dropped out after the last purchase" ratio)],
 * written so that only the last line is evaluated per row.
 */

interface Scratch {
  readonly logAgeTerm: Float64Array
  readonly inverseAgeTerm: Float64Array
  readonly logRecencyTerm: Float64Array
  readonly inverseRecencyTerm: Float64Array
  readonly logRatio: Float64Array
  readonly aliveWeight: Float64Array
}

function createScratch(data: BgFamilyData): Scratch {
  return {
    logAgeTerm: new Float64Array(data.ageValues.length),
    inverseAgeTerm: new Float64Array(data.ageValues.length),
    logRecencyTerm: new Float64Array(data.recencyValues.length),
    inverseRecencyTerm: new Float64Array(data.recencyValues.length),
    logRatio: new Float64Array(data.xValues.length),
    aliveWeight: new Float64Array(data.xValues.length),
  }
}

interface Params {
  readonly r: number
  readonly alpha: number
  readonly a: number
  readonly b: number
}

/** Σ over distinct frequencies of the terms that depend on x alone; adds their gradient. */
function frequencyTerms(data: BgFamilyData, p: Params, g: Float64Array | null): number {
  const { r, a, b } = p
  const s = data.shift
  let sum = 0
  let dr = 0
  let da = 0
  let db = 0
  for (let k = 0; k < data.xValues.length; k++) {
    const x = data.xValues[k]!
    const w = data.xWeights[k]!
    sum += w * (logGamma(r + x) + logGamma(b + x + s) - logGamma(a + b + x + s))
    if (g !== null) {
      const abx = digamma(a + b + x + s)
      dr += w * digamma(r + x)
      da -= w * abx
      db += w * (digamma(b + x + s) - abx)
    }
  }
  const n = data.customers
  sum += n * (-logGamma(r) + r * Math.log(p.alpha) - logGamma(b) + logGamma(a + b))
  if (g !== null) {
    const ab = digamma(a + b)
    g[0] = dr + n * (-digamma(r) + Math.log(p.alpha))
    g[1] = (n * r) / p.alpha
    g[2] = da + n * ab
    g[3] = db + n * (ab - digamma(b))
  }
  return sum
}

/** −Σ (r+x) ln(α+T) per distinct age; fills the per-age and per-recency caches. */
function ageTerms(data: BgFamilyData, p: Params, scratch: Scratch, g: Float64Array | null): number {
  const { r, alpha } = p
  let sum = 0
  for (let k = 0; k < data.ageValues.length; k++) {
    const shifted = alpha + data.ageValues[k]!
    const logShifted = Math.log(shifted)
    scratch.logAgeTerm[k] = logShifted
    scratch.inverseAgeTerm[k] = 1 / shifted
    const exponentWeight = r * data.ageWeights[k]! + data.ageRepeats[k]!
    sum -= exponentWeight * logShifted
    if (g !== null) {
      g[0] = g[0]! - data.ageWeights[k]! * logShifted
      g[1] = g[1]! - exponentWeight / shifted
    }
  }
  for (let k = 0; k < data.recencyValues.length; k++) {
    const shifted = alpha + data.recencyValues[k]!
    scratch.logRecencyTerm[k] = Math.log(shifted)
    scratch.inverseRecencyTerm[k] = 1 / shifted
  }
  return sum
}

/** Σ w ln(1 + z) over the rows with a tail term, z = a/(b+x+s−1)·((α+T)/(α+t_x))^(r+x). */
function tailTerms(
  data: BgFamilyData,
  p: Params,
  scratch: Scratch,
  g: Float64Array | null,
): number {
  const { logAgeTerm, logRecencyTerm, inverseAgeTerm, inverseRecencyTerm, logRatio, aliveWeight } =
    scratch
  const logA = Math.log(p.a)
  for (let k = 0; k < data.xValues.length; k++) {
    const denominator = p.b + data.xValues[k]! + data.shift - 1
    logRatio[k] = denominator > 0 ? logA - Math.log(denominator) : Number.NEGATIVE_INFINITY
  }
  aliveWeight.fill(0)
  let sum = 0
  let dr = 0
  let dalpha = 0
  for (let k = 0; k < data.tailCount; k++) {
    const xi = data.tailX[k]!
    const ti = data.tailAge[k]!
    const ri = data.tailRecency[k]!
    const exponent = p.r + data.tailFrequency[k]!
    const logAgeRatio = logAgeTerm[ti]! - logRecencyTerm[ri]!
    const u = logRatio[xi]! + exponent * logAgeRatio
    const w = data.tailWeight[k]!
    let softplus: number
    let sigmoid: number
    if (u > 0) {
      const e = Math.exp(-u)
      softplus = u + Math.log1p(e)
      sigmoid = 1 / (1 + e)
    } else {
      const e = Math.exp(u)
      softplus = Math.log1p(e)
      sigmoid = e / (1 + e)
    }
    sum += w * softplus
    const wq = w * sigmoid
    aliveWeight[xi]! += wq
    dr += wq * logAgeRatio
    dalpha += wq * exponent * (inverseAgeTerm[ti]! - inverseRecencyTerm[ri]!)
  }
  if (g !== null) {
    g[0] = g[0]! + dr
    g[1] = g[1]! + dalpha
    for (let k = 0; k < data.xValues.length; k++) {
      const q = aliveWeight[k]!
      if (q > 0) {
        g[2] = g[2]! + q / p.a
        g[3] = g[3]! - q / (p.b + data.xValues[k]! + data.shift - 1)
      }
    }
  }
  return sum
}

/**
 * The negative log-likelihood of the BG/NBD family in log-parameters θ = ln(r, α, a, b), as an
 * `Objective` for `minimize`: value −Σ wᵢ ℓᵢ, gradient −∂/∂θ (= −param · ∂ℓ/∂param). Per call
 * O(distinct x + distinct T + distinct t_x + rows with a tail term), one exp and one log1p per
 * such row; never allocates.
 */
export function createBgFamilyObjective(data: BgFamilyData): Objective {
  const scratch = createScratch(data)
  return (theta, gradient) => {
    const p = {
      r: Math.exp(theta[0]!),
      alpha: Math.exp(theta[1]!),
      a: Math.exp(theta[2]!),
      b: Math.exp(theta[3]!),
    }
    const logLikelihood =
      frequencyTerms(data, p, gradient) +
      ageTerms(data, p, scratch, gradient) +
      tailTerms(data, p, scratch, gradient)
    if (gradient !== null) {
      gradient[0] = -gradient[0]! * p.r
      gradient[1] = -gradient[1]! * p.alpha
      gradient[2] = -gradient[2]! * p.a
      gradient[3] = -gradient[3]! * p.b
    }
    return -logLikelihood
  }
}
