import { useEffect } from 'react'
import type { ApiClient } from './api/api-client.js'
import { AppShell } from './components/app-shell.js'
import { navItemsFor } from './components/navigation.js'
import { ErrorState, LoadingState } from './components/states.js'
import { matchPath, useLocation } from './lib/router.js'
import { SessionProvider, useMe, useSession } from './lib/session.js'
import { AuditLogPage } from './pages/audit-log-page.js'
import { CaseNewPage } from './pages/case-new-page.js'
import { CasePage } from './pages/case-page.js'
import { CasesPage } from './pages/cases-page.js'
import { CustomerPage } from './pages/customer-page.js'
import { CustomersPage } from './pages/customers-page.js'
import { DashboardPage } from './pages/dashboard-page.js'
import { FixesPage } from './pages/fixes-page.js'
import { ImportsPage } from './pages/imports-page.js'
import { LessonsPage } from './pages/lessons-page.js'
import { LostListPage } from './pages/lost-list-page.js'
import { NotFoundPage } from './pages/not-found-page.js'
import { SecondFactorPage } from './pages/second-factor-page.js'
import { SettingsPage } from './pages/settings-page.js'
import { SignInPage } from './pages/sign-in-page.js'
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
  ['/todo', 'To do'],
  ['/settings/cases', 'Case settings'],
]

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
  switch (pathname) {
    case '/':
      return <DashboardPage />
    case '/lost':
      return <LostListPage />
    case '/customers':
      return <CustomersPage />
    case '/imports':
      return allowed.has('/imports') ? <ImportsPage /> : <NotFoundPage />
    case '/audit':
      return allowed.has('/audit') ? <AuditLogPage /> : <NotFoundPage />
    case '/cases':
      return <CasesPage />
    case '/cases/new':
      return <CaseNewPage />
    case '/lessons':
      return <LessonsPage />
    case '/fixes':
      return <FixesPage />
    case '/todo':
      return allowed.has('/todo') ? <TodoPage /> : <NotFoundPage />
    case '/settings/cases':
      return allowed.has('/settings/cases') ? <SettingsPage /> : <NotFoundPage />
    default:
      return <NotFoundPage />
  }
}
