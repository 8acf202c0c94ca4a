import { currentReader } from '@/services/auth'
import { ReaderName, ReaderSlot } from './reader-slot'

function AccountName({ name }: { name: React.ReactNode }) {
  return (
    <a href="/account/" className="font-semibold hover:underline">
      <span className="sr-only">Your account: </span>
      {name}
    </a>
  )
}

/**
 * "Sign in" on the shared page; a signed-in reader's name in its place, filled in by the front
 * server from the cached page (server/personal.ts) or rendered for staff.
 */
export async function AccountLink() {
  const reader = await currentReader()
  return (
    <nav aria-label="Account">
      {reader ? (
        <AccountName name={reader.name} />
      ) : (
        <ReaderSlot slot="account" variants={{ reader: <AccountName name={<ReaderName />} /> }}>
          <a href="/signin/" className="font-semibold hover:underline">
            Sign in
          </a>
        </ReaderSlot>
      )}
    </nav>
  )
}
