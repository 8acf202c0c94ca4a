import Link from 'next/link'
import { currentReader } from '@/services/auth'

/**
 * "Sign in" for everyone on a shared cached page; the reader's name only on a signed-in request,
 * which carries the session cookie and is therefore never cached (lib/reader-server.ts).
 */
export async function AccountLink() {
  const reader = await currentReader()
  return (
    <nav aria-label="Account">
      {reader ? (
        <Link href="/account/" className="font-semibold hover:underline">
          <span className="sr-only">Your account: </span>
          {reader.name}
        </Link>
      ) : (
        <Link href="/signin/" className="font-semibold hover:underline">
          Sign in
        </Link>
      )}
    </nav>
  )
}
