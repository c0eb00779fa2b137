/**
 * The win-back model each analysis run scored with: the prior, or a logistic regression learned
 * from the company's ended cases, with its calibration (issue 5 part 5). `model_json` is the
 * app's `WinBackModelRecord`.
 */
export interface WinBackModelsTable {
  run_id: number
  /** `prior` or `learned_model` */
  basis: string
  model_json: string
  created_at: string
}
