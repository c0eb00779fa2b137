import { z } from 'zod'
import {
  accrueEarnings,
  addBountyRule,
  bountyLeaderboard,
  bountyLedger,
  changeBountyRule,
  listBountyRuleViews,
  statementCsv,
} from '../../app/index.js'
import {
  accrueBodySchema,
  accrueResponseSchema,
  addBountyRuleBodySchema,
  bountyRuleListResponseSchema,
  bountyRuleParamsSchema,
  bountyRuleSchema,
  changeBountyRuleBodySchema,
  leaderboardResponseSchema,
  ledgerQuerySchema,
  ledgerResponseSchema,
} from '../contract/bounties.js'
import { dropUndefined } from '../drop-undefined.js'
import {
  type ApiRoute,
  defineRoute,
  expectedVersion,
  type FileAnswer,
} from '../route-definition.js'
import { caseActorOf } from './cases-mapping.js'

const listRulesRoute = defineRoute({
  method: 'get',
  path: '/bounty-rules',
  operationId: 'listBountyRules',
  summary: 'How victories are paid: every bounty rule',
  tag: 'bounties',
  access: { kind: 'policy', resource: 'bounty_rule', action: 'read' },
  response: bountyRuleListResponseSchema,
  async handle({ ctx }) {
    return { items: await listBountyRuleViews(ctx.deps.store) }
  },
})

const addRuleRoute = defineRoute({
  method: 'post',
  path: '/bounty-rules',
  operationId: 'addBountyRule',
  summary: 'Add a bounty rule: a fixed bounty and/or a commission multiplier, with cap and split',
  tag: 'bounties',
  access: { kind: 'policy', resource: 'bounty_rule', action: 'write' },
  successStatus: 201,
  versioned: true,
  body: addBountyRuleBodySchema,
  response: bountyRuleSchema,
  async handle({ body, ctx }) {
    return addBountyRule(ctx.deps.store, caseActorOf(ctx), {
      ...dropUndefined(body),
      name: body.name,
    })
  },
})

const changeRuleRoute = defineRoute({
  method: 'patch',
  path: '/bounty-rules/{id}',
  operationId: 'changeBountyRule',
  summary: 'Change a bounty rule (If-Match); earnings already booked stay as they are',
  tag: 'bounties',
  access: { kind: 'policy', resource: 'bounty_rule', action: 'write' },
  versioned: true,
  params: bountyRuleParamsSchema,
  body: changeBountyRuleBodySchema,
  response: bountyRuleSchema,
  async handle({ params, body, ctx }) {
    return changeBountyRule(ctx.deps.store, caseActorOf(ctx), {
      id: params.id,
      expectedVersion: expectedVersion(ctx),
      fields: dropUndefined(body),
    })
  },
})

const accrueRoute = defineRoute({
  method: 'post',
  path: '/bounties/accrue',
  operationId: 'accrueEarnings',
  summary: 'Book what won-back customers’ published orders earned (imports do this on their own)',
  tag: 'bounties',
  access: { kind: 'policy', resource: 'bounty_rule', action: 'write' },
  body: accrueBodySchema,
  response: accrueResponseSchema,
  async handle({ body, ctx }) {
    return accrueEarnings(ctx.deps.store, body.asOf === undefined ? {} : { asOf: body.asOf })
  },
})

const ledgerRoute = defineRoute({
  method: 'get',
  path: '/bounties/ledger',
  operationId: 'getBountyLedger',
  summary: 'Earnings with totals: your own; a manager their team’s; VP, admin and analysts all',
  tag: 'bounties',
  access: { kind: 'policy', resource: 'bounty_ledger', action: 'read' },
  query: ledgerQuerySchema,
  response: ledgerResponseSchema,
  async handle({ query, ctx }) {
    const ledger = await bountyLedger(ctx.deps.store, caseActorOf(ctx), dropUndefined(query))
    return { people: [...ledger.people], items: [...ledger.items], totalMinor: ledger.totalMinor }
  },
})

const statementRoute = defineRoute({
  method: 'get',
  path: '/bounties/statement.csv',
  operationId: 'getBountyStatement',
  summary: 'The ledger as a spreadsheet-safe CSV statement, with a total row',
  tag: 'bounties',
  access: { kind: 'policy', resource: 'bounty_ledger', action: 'read' },
  query: ledgerQuerySchema,
  response: z.custom<FileAnswer>(),
  produces: 'text/csv',
  async handle({ query, ctx }) {
    const ledger = await bountyLedger(ctx.deps.store, caseActorOf(ctx), dropUndefined(query))
    const text = statementCsv(ledger)
    return {
      fileName: `bounty-statement${query.userId === undefined ? '' : `-${query.userId}`}.csv`,
      chunks: (async function* () {
        yield text
      })(),
    }
  },
})

const leaderboardRoute = defineRoute({
  method: 'get',
  path: '/bounties/leaderboard',
  operationId: 'getBountyLeaderboard',
  summary: 'Who earned most from victories, net of reversals',
  tag: 'bounties',
  access: { kind: 'policy', resource: 'leaderboard', action: 'read' },
  response: leaderboardResponseSchema,
  async handle({ ctx }) {
    return { items: await bountyLeaderboard(ctx.deps.store) }
  },
})

/** Pay for victories: bounty rules, accrual, ledgers, statements and the leaderboard. */
export const BOUNTY_ROUTES: readonly ApiRoute[] = [
  listRulesRoute,
  addRuleRoute,
  changeRuleRoute,
  accrueRoute,
  ledgerRoute,
  statementRoute,
  leaderboardRoute,
]
