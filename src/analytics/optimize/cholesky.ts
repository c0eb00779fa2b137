/**
 * Cholesky factor L (lower, row-major n×n) of a symmetric matrix, A = L·Lᵀ, or null when A is not
 * positive definite (a pivot ≤ 0 or not finite). Golub & Van Loan 2013, Algorithm 4.2.1; O(n³).
 */
export function choleskyFactor(matrix: Float64Array, n: number): Float64Array | null {
  const factor = new Float64Array(n * n)
  for (let j = 0; j < n; j++) {
    let pivot = matrix[j * n + j]!
    for (let k = 0; k < j; k++) {
      pivot -= factor[j * n + k]! * factor[j * n + k]!
    }
    if (!(pivot > 0) || !Number.isFinite(pivot)) {
      return null
    }
    const diagonal = Math.sqrt(pivot)
    factor[j * n + j] = diagonal
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[i * n + j]!
      for (let k = 0; k < j; k++) {
        sum -= factor[i * n + k]! * factor[j * n + k]!
      }
      factor[i * n + j] = sum / diagonal
    }
  }
  return factor
}

/**
 * Inverse of a symmetric positive definite matrix (row-major n×n) through its Cholesky factor, or
 * null when the matrix is not positive definite. O(n³).
 */
export function invertPositiveDefinite(matrix: Float64Array, n: number): Float64Array | null {
  const factor = choleskyFactor(matrix, n)
  if (factor === null) {
    return null
  }
  // columns of L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ·L⁻¹
  const lowerInverse = new Float64Array(n * n)
  for (let column = 0; column < n; column++) {
    for (let i = column; i < n; i++) {
      let sum = i === column ? 1 : 0
      for (let k = column; k < i; k++) {
        sum -= factor[i * n + k]! * lowerInverse[k * n + column]!
      }
      lowerInverse[i * n + column] = sum / factor[i * n + i]!
    }
  }
  const inverse = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0
      for (let k = i; k < n; k++) {
        sum += lowerInverse[k * n + i]! * lowerInverse[k * n + j]!
      }
      inverse[i * n + j] = sum
      inverse[j * n + i] = sum
    }
  }
  return inverse
}
