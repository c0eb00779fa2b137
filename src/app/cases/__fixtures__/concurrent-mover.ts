// a child process of the T6 test: opens the database, tries `count` moves of one case from version
// 1 at once, and prints how many won, how many were refused as stale, and any other errors
import { PreconditionFailedError } from '../../../domain/errors.js'
import { openStore } from '../../../store/index.js'
import { moveCase } from '../move-case.js'

const [path, caseIdText, userIdText, countText] = process.argv.slice(2)
const store = await openStore(path)
const userId = Number(userIdText)
const outcomes = await Promise.allSettled(
  Array.from({ length: Number(countText) }, (_, index) =>
    moveCase(
      store,
      {
        actor: { userId, role: 'vp', teamUserIds: new Set([userId]) },
        audit: { actorUserId: userId, via: 'api', requestId: `child-${process.pid}-${index}` },
      },
      {
        caseId: Number(caseIdText),
        expectedVersion: 1,
        to: 'researching',
        nextStep: `writer ${process.pid}/${index}`,
        today: '2024-06-30',
      },
    ),
  ),
)
await store.close()
const rejected = outcomes.flatMap((outcome) =>
  outcome.status === 'rejected' ? [outcome.reason] : [],
)
process.stdout.write(
  JSON.stringify({
    won: outcomes.length - rejected.length,
    stale: rejected.filter((reason) => reason instanceof PreconditionFailedError).length,
    other: rejected
      .filter((reason) => !(reason instanceof PreconditionFailedError))
      .map((reason: unknown) => String(reason)),
  }),
)
