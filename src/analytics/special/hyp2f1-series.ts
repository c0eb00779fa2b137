/**
 * The Gauss series of 2F1 with non-negative parameters and 0 ≤ z < 1, summed with exact power-of-two
 * rescaling so it never overflows, plus the partial derivatives of ln 2F1 accumulated in the same
 * pass. Every term is positive, so there is no cancellation.
 */

/** relative size of the neglected tail of the value, and of the sums behind its derivatives */
const TAIL_TOLERANCE = 1e-17
const SLOPE_TOLERANCE = 1e-14
/** rescale by an exact power of two well before overflow */
const RESCALE_ABOVE = 2 ** 800
const RESCALE_BY = 2 ** -800
const LOG_RESCALE = 800 * Math.LN2

/**
 * ln 2F1(a, b; c; z) from the Gauss series Σ (a)ₙ(b)ₙ zⁿ / ((c)ₙ n!), for a, b ≥ 0, c > 0 and
 * 0 ≤ z < 1 (DLMF 15.2.1). When `gradient` is given, writes ∂ln F/∂a, ∂b, ∂c, ∂z into its first
 * four slots, from ∂(a)ₙ/∂a = (a)ₙ Σₖ₍ₙ 1/(a + k). O(terms); `NaN` when the tail is not below
 * 1e-17 of the sum within `maxTerms` terms.
 */
// the hot kernel takes the four 2F1 arguments positionally, as stdlib does, so the Pareto/NBD likelihood allocates nothing per call
export function logHyp2f1Series(
  a: number,
  b: number,
  c: number,
  z: number,
  gradient: Float64Array | null,
  maxTerms: number,
): number {
  if (z === 0) {
    gradient?.fill(0, 0, 3)
    if (gradient !== null) {
      gradient[3] = (a * b) / c
    }
    return 0
  }
  if (a === 0 || b === 0) {
    if (gradient !== null) {
      gradient[0] = a === 0 ? zeroParameterSlope(b, c, z, maxTerms) : 0
      gradient[1] = b === 0 ? zeroParameterSlope(a, c, z, maxTerms) : 0
      gradient[2] = 0
      gradient[3] = 0
    }
    return 0
  }
  return gradient === null
    ? sumSeries(a, b, c, z, maxTerms)
    : sumSeriesWithGradient(a, b, c, z, gradient, maxTerms)
}

/**
 * Terms that fall like n^e with e = a+b−c−1 < −1 (DLMF 15.2.1) leave a tail of at most about
 * term·(n + scale)/(|e| − 1), far below the geometric bound term/(1 − z) when z is near 1.
 * `margin` is 2 for sums weighted by n. Returns (scale, 1/(|e| − margin)), the latter 0 when
 * the power does not fall fast enough to help.
 */
function powerLawTail(a: number, b: number, c: number, margin: number) {
  const excess = c + 1 - a - b - margin
  return {
    powerScale: Math.max(a, b, c) + 2,
    powerTail: excess > 0 ? 1 / excess : Number.POSITIVE_INFINITY,
  }
}

/** an upper bound on the ratios of all later terms, from the last two ratios (1: none yet) */
function tailRatioBound(ratio: number, nextRatio: number, z: number): number {
  // a rising ratio above z has not peaked yet: no bound
  if (nextRatio > ratio && nextRatio > z) {
    return 1
  }
  return Math.max(nextRatio, z)
}

function sumSeries(a: number, b: number, c: number, z: number, maxTerms: number): number {
  const { powerScale, powerTail } = powerLawTail(a, b, c, 1)
  // the first term is kept apart so that ln(1 + rest) keeps its digits when rest is tiny
  let head = 1
  let rest = 0
  let term = 1
  let logScale = 0
  for (let n = 0; n < maxTerms; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1))
    term *= ratio
    rest += term
    if (rest > RESCALE_ABOVE) {
      head *= RESCALE_BY
      rest *= RESCALE_BY
      term *= RESCALE_BY
      logScale += LOG_RESCALE
    }
    const nextRatio = ((a + n + 1) * (b + n + 1) * z) / ((c + n + 1) * (n + 2))
    const bound = tailRatioBound(ratio, nextRatio, z)
    const tail = Math.min(1 / (1 - bound), (n + powerScale) * powerTail)
    if (bound < 1 && term * tail < TAIL_TOLERANCE * (head + rest)) {
      return logScale + logOfSum(head, rest)
    }
  }
  return Number.NaN
}

function sumSeriesWithGradient(
  a: number,
  b: number,
  c: number,
  z: number,
  gradient: Float64Array,
  maxTerms: number,
): number {
  // the weighted sums grow one power of n faster than the terms
  const { powerScale, powerTail } = powerLawTail(a, b, c, 2)
  let head = 1
  let rest = 0
  let term = 1
  let logScale = 0
  let harmonicA = 0
  let harmonicB = 0
  let harmonicC = 0
  let weightedA = 0
  let weightedB = 0
  let weightedC = 0
  let weightedN = 0
  for (let n = 0; n < maxTerms; n++) {
    const aN = a + n
    const bN = b + n
    const cN = c + n
    const ratio = (aN * bN * z) / (cN * (n + 1))
    harmonicA += 1 / aN
    harmonicB += 1 / bN
    harmonicC += 1 / cN
    term *= ratio
    rest += term
    weightedA += term * harmonicA
    weightedB += term * harmonicB
    weightedC += term * harmonicC
    weightedN += term * (n + 1)
    if (rest > RESCALE_ABOVE) {
      head *= RESCALE_BY
      rest *= RESCALE_BY
      term *= RESCALE_BY
      weightedA *= RESCALE_BY
      weightedB *= RESCALE_BY
      weightedC *= RESCALE_BY
      weightedN *= RESCALE_BY
      logScale += LOG_RESCALE
    }
    const nextRatio = ((aN + 1) * (bN + 1) * z) / ((cN + 1) * (n + 2))
    const bound = tailRatioBound(ratio, nextRatio, z)
    const tail = Math.min(1 / (1 - bound), (n + powerScale) * powerTail)
    // the weighted sums carry factors up to n + 2; a derivative needs fewer digits than a value
    const sum = head + rest
    const valueDone = term * tail < TAIL_TOLERANCE * sum
    if (bound < 1 && valueDone && term * (n + 2) * tail < SLOPE_TOLERANCE * weightedN) {
      gradient[0] = weightedA / sum
      gradient[1] = weightedB / sum
      gradient[2] = -weightedC / sum
      gradient[3] = weightedN / (z * sum)
      return logScale + logOfSum(head, rest)
    }
  }
  return Number.NaN
}

function logOfSum(head: number, rest: number): number {
  return head === 1 ? Math.log1p(rest) : Math.log(head + rest)
}

/**
 * ∂2F1(p, q; c; z)/∂p at p = 0, which is Σₙ₌₁ (q)ₙ zⁿ / ((c)ₙ n) since ∂(p)ₙ/∂p = (n − 1)! there.
 */
function zeroParameterSlope(q: number, c: number, z: number, maxTerms: number): number {
  let power = 1
  let sum = 0
  for (let n = 1; n <= maxTerms; n++) {
    power *= ((q + n - 1) * z) / (c + n - 1)
    const term = power / n
    sum += term
    if (term <= TAIL_TOLERANCE * Math.abs(sum) || power === 0) {
      return sum
    }
  }
  return Number.NaN
}
