export { AnalyticsInputError, type AnalyticsInputErrorKind } from './errors.js'
export {
  areaUnderCurve,
  type Calibration,
  calibrationOf,
  crossValidatedPredictions,
  type ReliabilityBin,
} from './logistic/calibration.js'
export {
  fitLogistic,
  type LogisticFit,
  type LogisticOptions,
  predictLogistic,
} from './logistic/logistic-regression.js'
export {
  type CandidateOutcome,
  chooseModel,
  MODEL_LABELS,
  type ModelChoice,
} from './model-choice/choose-model.js'
export {
  FREQUENCY_BUCKETS,
  type FrequencyBucket,
  type HoldoutData,
  type ModelValidation,
  type TrackingData,
  type TrackingPoint,
  validateModel,
} from './model-choice/validate.js'
export {
  type BgBbParams,
  bgBbExpectedTransactions,
  bgBbExpectedTransactionsNew,
  bgBbProbabilityAlive,
  type DiscreteRfmSummary,
  fitBgBb,
} from './models/bg-bb.js'
export {
  type CustomerScoreOptions,
  type CustomerScores,
  scoreBgFamilyCustomers,
} from './models/bg-family-scores.js'
export {
  bgNbd,
  bgNbdExpectedTransactions,
  bgNbdExpectedTransactionsNew,
  bgNbdProbabilityAlive,
  fitBgNbd,
} from './models/bg-nbd.js'
export {
  customerLifetimeValue,
  type DiscountOptions,
  type DiscountSchedule,
  discountedTransactions,
  discountSchedule,
} from './models/clv.js'
export {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaExpectedSpends,
  type SpendSummary,
} from './models/gamma-gamma.js'
export {
  fitMbgNbd,
  mbgNbd,
  mbgNbdExpectedTransactions,
  mbgNbdExpectedTransactionsNew,
  mbgNbdProbabilityAlive,
} from './models/mbg-nbd.js'
export { fitParetoNbd, paretoNbd, paretoNbdProbabilityAliveAt } from './models/pareto-nbd.js'
export { probabilityAliveAt } from './models/probability-alive-at.js'
export { type HessianOptions, numericalHessian, standardErrors } from './optimize/hessian.js'
export { type MinimizeOptions, minimize } from './optimize/minimize.js'
export { type NelderMeadOptions, nelderMead } from './optimize/nelder-mead.js'
export { withCentralDifferenceGradient } from './optimize/numerical-gradient.js'
export type { MinimizeResult, Objective } from './optimize/objective.js'
export {
  type BgNbdPopulationOptions,
  generateBgNbdPopulation,
} from './random/bg-nbd-population.js'
export { createMulberry32 } from './random/mulberry32.js'
export {
  type CompressedRfm,
  compressRfm,
  compressRfmWithIndex,
  rfmFromCustomers,
} from './rfm/compress.js'
export {
  type CustomerPurchaseDays,
  medianInPlace,
  summarizePurchaseDays,
} from './rfm/summarize.js'
export { requireFittableRfm, rfmTotals, validateRfm } from './rfm/validate.js'
export type {
  FitOptions,
  FitResult,
  ModelName,
  ModelParams,
  RfmSummary,
  TransactionModel,
  TransactionModelName,
} from './types.js'
export {
  DEFAULT_HOLDOUT_SHARE,
  differenceInterval,
  holdoutDraw,
  type Interval,
  isHeldOut,
  type Proportion,
  wilsonInterval,
} from './uplift/index.js'
