import { PageHeader } from '../components/page-header.js'
import { EmptyState } from '../components/states.js'
import { Link } from '../lib/router.js'

/** A path the app does not know. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is nothing at this address.">
        <Link to="/">Go to the dashboard</Link>
      </EmptyState>
    </>
  )
}
