import { type ReactElement, useEffect } from 'react'
import type { ApiClient } from './api/api-client.js'
import { AppShell } from './components/app-shell.js'
import { navItemsFor } from './components/navigation.js'
import { ErrorState, LoadingState } from './components/states.js'
import { matchPath, useLocation } from './lib/router.js'
import { SessionProvider, useMe, useSession } from './lib/session.js'
import { AlertsPage } from './pages/alerts-page.js'
import { AuditLogPage } from './pages/audit-log-page.js'
import { CampaignPage } from './pages/campaign-page.js'
import { CampaignsPage } from './pages/campaigns-page.js'
import { CaseNewPage } from './pages/case-new-page.js'
import { CasePage } from './pages/case-page.js'
import { CasesPage } from './pages/cases-page.js'
import { CustomerPage } from './pages/customer-page.js'
import { CustomersPage } from './pages/customers-page.js'
import { DashboardPage } from './pages/dashboard-page.js'
import { EarningsPage } from './pages/earnings-page.js'
import { FixesPage } from './pages/fixes-page.js'
import { ImportsPage } from './pages/imports-page.js'
import { LeaderboardPage } from './pages/leaderboard-page.js'
import { LessonsPage } from './pages/lessons-page.js'
import { LetGoPage } from './pages/let-go-page.js'
import { LostListPage } from './pages/lost-list-page.js'
import { NotFoundPage } from './pages/not-found-page.js'
import { OutboxPage } from './pages/outbox-page.js'
import { ProgramPage } from './pages/program-page.js'
import { SecondFactorPage } from './pages/second-factor-page.js'
import { SettingsPage } from './pages/settings-page.js'
import { ShadowPage } from './pages/shadow-page.js'
import { SignInPage } from './pages/sign-in-page.js'
import { SuppressionsPage } from './pages/suppressions-page.js'
import { TemplatesPage } from './pages/templates-page.js'
import { TodoPage } from './pages/todo-page.js'

/**
 * The whole web app: the session decides between sign-in, the second factor and the pages.
 * Tests pass a fake `api`.
 */
export function App(props: { api?: ApiClient }) {
  return (
    <SessionProvider {...(props.api === undefined ? {} : { api: props.api })}>
      <SessionGate />
    </SessionProvider>
  )
}

function SessionGate() {
  const { state, recheck } = useSession()
  switch (state.kind) {
    case 'checking':
      return (
        <main id="main" className="auth-page">
          <LoadingState label="Starting Comeback…" />
        </main>
      )
    case 'failed':
      return (
        <main id="main" className="auth-page">
          <div className="auth-card">
            <h1 id="page-title">Comeback is not answering</h1>
            <ErrorState error={state.error} onRetry={recheck} />
          </div>
        </main>
      )
    case 'signed_out':
      return <SignInPage notice={state.notice} />
    case 'signed_in':
      return state.me.fullAccess ? (
        <AppShell>
          <Routes />
        </AppShell>
      ) : (
        <SecondFactorPage me={state.me} />
      )
  }
}

const PAGE_TITLES: readonly [string, string][] = [
  ['/', 'Dashboard'],
  ['/lost', 'Lost list'],
  ['/customers', 'Customers'],
  ['/customers/:id', 'Customer'],
  ['/imports', 'Imports'],
  ['/audit', 'Audit log'],
  ['/cases', 'Cases'],
  ['/cases/new', 'Open a case'],
  ['/cases/:id', 'Case'],
  ['/lessons', 'Golden lessons'],
  ['/fixes', 'Fixes'],
  ['/earnings', 'My earnings'],
  ['/leaderboard', 'Leaderboard'],
  ['/todo', 'To do'],
  ['/settings/cases', 'Case settings'],
  ['/templates', 'Templates'],
  ['/campaigns', 'Campaigns'],
  ['/campaigns/new', 'New campaign'],
  ['/campaigns/:id', 'Campaign'],
  ['/outbox', 'Outbox'],
  ['/suppressions', 'Suppressions'],
  ['/program', 'Program'],
  ['/alerts', 'Alerts'],
  ['/let-go', 'Let go'],
  ['/shadow', 'Shadow portfolio'],
]

/**
 * The pages at a fixed path. A page with a `navGuard` opens only for the roles whose navigation
 * lists that path (the server refuses their API calls anyway; this spares them a page of refusals).
 */
const FIXED_PAGES: Readonly<Record<string, { render: () => ReactElement; navGuard?: string }>> = {
  '/': { render: () => <DashboardPage /> },
  '/program': { render: () => <ProgramPage /> },
  '/lost': { render: () => <LostListPage /> },
  '/customers': { render: () => <CustomersPage /> },
  '/imports': { render: () => <ImportsPage />, navGuard: '/imports' },
  '/audit': { render: () => <AuditLogPage />, navGuard: '/audit' },
  '/cases': { render: () => <CasesPage /> },
  '/cases/new': { render: () => <CaseNewPage /> },
  '/lessons': { render: () => <LessonsPage /> },
  '/fixes': { render: () => <FixesPage /> },
  '/earnings': { render: () => <EarningsPage /> },
  '/leaderboard': { render: () => <LeaderboardPage /> },
  '/todo': { render: () => <TodoPage />, navGuard: '/todo' },
  '/alerts': { render: () => <AlertsPage /> },
  '/let-go': { render: () => <LetGoPage />, navGuard: '/let-go' },
  '/templates': { render: () => <TemplatesPage /> },
  '/campaigns': { render: () => <CampaignsPage />, navGuard: '/campaigns' },
  '/campaigns/new': { render: () => <CampaignsPage creating />, navGuard: '/campaigns' },
  '/shadow': { render: () => <ShadowPage /> },
  '/outbox': { render: () => <OutboxPage />, navGuard: '/outbox' },
  '/suppressions': { render: () => <SuppressionsPage />, navGuard: '/suppressions' },
  '/settings/cases': { render: () => <SettingsPage />, navGuard: '/settings/cases' },
}

function Routes() {
  const { pathname } = useLocation()
  const me = useMe()
  const title =
    PAGE_TITLES.find(([pattern]) => matchPath(pattern, pathname) !== null)?.[1] ?? 'Not found'
  // a new page: name it in the tab and move focus to its heading, as a page load would
  useEffect(() => {
    document.title = `${title} · Comeback`
    document.getElementById('page-title')?.focus({ preventScroll: true })
  }, [title])
  const customer = matchPath('/customers/:id', pathname)
  if (customer?.['id'] !== undefined) {
    return <CustomerPage key={customer['id']} customerId={customer['id']} />
  }
  const caseRoute = matchPath('/cases/:id', pathname)
  if (caseRoute?.['id'] !== undefined && caseRoute['id'] !== 'new') {
    return <CasePage key={caseRoute['id']} caseId={caseRoute['id']} />
  }
  const allowed = new Set(navItemsFor(me.user.role).map((item) => item.path))
  const campaignRoute = matchPath('/campaigns/:id', pathname)
  if (
    campaignRoute?.['id'] !== undefined &&
    campaignRoute['id'] !== 'new' &&
    allowed.has('/campaigns')
  ) {
    return <CampaignPage key={campaignRoute['id']} campaignId={campaignRoute['id']} />
  }
  const page = FIXED_PAGES[pathname]
  if (page === undefined || (page.navGuard !== undefined && !allowed.has(page.navGuard))) {
    return <NotFoundPage />
  }
  return page.render()
}
