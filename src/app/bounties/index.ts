// pay for victories (issue 7 part 3): bounty rules, earnings booked from imported orders, ledgers
export type { AccrualResult } from './accrue-earnings.js'
export { accrueEarnings, afterOrdersImported } from './accrue-earnings.js'
export type { BountyLedger, EarningView, LeaderboardLine, LedgerPerson } from './bounty-ledger.js'
export { bountyLeaderboard, bountyLedger, statementCsv } from './bounty-ledger.js'
export type { BountyRuleView } from './bounty-rules.js'
export { addBountyRule, changeBountyRule, listBountyRuleViews } from './bounty-rules.js'
export { setBaseCommissionRate } from './commission-rate.js'
