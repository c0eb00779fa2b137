import { AnalyticsInputError } from '../errors.js'
import { numericalHessian, standardErrors } from '../optimize/hessian.js'
import { minimize } from '../optimize/minimize.js'
import type { Objective } from '../optimize/objective.js'
import type { FitOptions, FitResult, ModelName, ModelParams } from '../types.js'

/** A maximum-likelihood problem over positive parameters, posed in their logarithms. */
export interface LogSpaceProblem {
  readonly model: ModelName
  /** parameter names, in the objective's order */
  readonly names: readonly string[]
  /** negative log-likelihood of θ = ln(params); fills the gradient when `useGradient` */
  readonly objective: Objective
  /** starting point in natural parameters */
  readonly initial: Float64Array
  readonly useGradient: boolean
  readonly customers: number
  readonly distinctRows: number
  /** BFGS's starting inverse Hessian in θ, e.g. from a fit on a sample */
  readonly initialInverseHessian?: Float64Array
}

/** the search stays inside |ln param| ≤ 25 (params within 1e±11) */
const LOG_BOUND = 25
/**
 * a fitted |ln param| beyond 15 (param outside 3e±6) is a drift towards a boundary of the
 * model — no rate heterogeneity (r, α → ∞), no dropout (a → 0) — not an estimate
 */
const IDENTIFIED_BOUND = 15

function bounded(objective: Objective): Objective {
  return (theta, gradient) => {
    for (let i = 0; i < theta.length; i++) {
      if (!(Math.abs(theta[i]!) <= LOG_BOUND)) {
        return Number.POSITIVE_INFINITY
      }
    }
    return objective(theta, gradient)
  }
}

/** Reads the named parameters of `options.initial`, else the defaults. */
export function startingPoint(
  names: readonly string[],
  defaults: Float64Array,
  options: FitOptions | undefined,
): Float64Array {
  const initial = options?.initial
  if (initial === undefined) {
    return defaults
  }
  return Float64Array.from(names, (name, i) => {
    const value = initial[name] ?? defaults[i]!
    if (!(value > 0 && Number.isFinite(value))) {
      throw new AnalyticsInputError(
        'invalid_input',
        `initial ${name} = ${value} is not a positive number`,
      )
    }
    return value
  })
}

function named(names: readonly string[], values: Float64Array): ModelParams {
  const params: Record<string, number> = {}
  names.forEach((name, i) => {
    params[name] = values[i]!
  })
  return params
}

function divergedParameter(names: readonly string[], theta: Float64Array): string | null {
  for (let i = 0; i < names.length; i++) {
    if (Math.abs(theta[i]!) > IDENTIFIED_BOUND) {
      return `${names[i]} runs to ${theta[i]! > 0 ? 'infinity' : 'zero'}: the data do not identify it`
    }
  }
  return null
}

function failureReason(outcome: {
  found: { converged: boolean; reason: string }
  diverged: string | null
  finite: boolean
  errors: Float64Array | null
}): string {
  if (outcome.diverged !== null) {
    return outcome.diverged
  }
  if (!outcome.finite) {
    return 'likelihood not finite at any point tried'
  }
  if (outcome.found.converged && outcome.errors === null) {
    return `${outcome.found.reason}, but the Hessian is not positive definite there: the data do not identify every parameter`
  }
  return outcome.found.reason
}

/**
 * Maximises a likelihood over positive parameters in log-space with `minimize`, then takes
 * standard errors from the numerical Hessian of the negative log-likelihood at the optimum,
 * carried to the natural parameters by the delta method (se(φ) = φ·se(ln φ)). Parameters that run
 * beyond e^±15, or a Hessian that is not positive definite (no proper maximum: standard errors
 * null), give `converged: false` and the reason; outputs are always finite.
 */
export function fitInLogSpace(problem: LogSpaceProblem, options?: FitOptions): FitResult {
  const objective = bounded(problem.objective)
  const theta0 = problem.initial.map(Math.log)
  const minimizeOptions = {
    useGradient: problem.useGradient,
    ...(options?.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
    ...(problem.initialInverseHessian === undefined
      ? {}
      : { initialInverseHessian: problem.initialInverseHessian }),
  }
  const found = minimize(objective, theta0, minimizeOptions)
  const diverged = divergedParameter(problem.names, found.x)
  const params = found.x.map(Math.exp)
  // forward differences of the gradient BFGS ended with: n more evaluations instead of 2n
  const hessian = numericalHessian(objective, found.x, {
    useGradient: problem.useGradient,
    scheme: 'forward',
    ...(found.gradient === undefined ? {} : { gradientAtX: found.gradient }),
  })
  const errors = diverged === null ? standardErrors(hessian, params) : null
  const logLikelihood = -found.value
  const finite = Number.isFinite(logLikelihood)
  return {
    model: problem.model,
    params: named(problem.names, params),
    logLikelihood: finite ? logLikelihood : -Number.MAX_VALUE,
    standardErrors: errors === null ? null : named(problem.names, errors),
    converged: found.converged && diverged === null && finite && errors !== null,
    reason: failureReason({ found, diverged, finite, errors }),
    iterations: found.iterations,
    n: problem.customers,
    distinctRows: problem.distinctRows,
  }
}
