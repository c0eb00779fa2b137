import type { DemoTruth } from './demo-types.js'

/**
 * The hidden truth as JSON lines: one object per customer or prospect, each line ending in `\n`,
 * so rankings can be measured against it line by line.
 * @example writeFileSync('truth.jsonl', truthJsonLines(company.truth))
 */
export function truthJsonLines(truth: readonly DemoTruth[]): string {
  return truth.map((line) => `${JSON.stringify(line)}\n`).join('')
}
