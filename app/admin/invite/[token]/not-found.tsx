import Link from 'next/link'

export default function InviteNotFound() {
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-2 text-2xl font-bold">This invitation link is not valid</h1>
      <p className="mb-6 text-sm">
        It may have been used already, have expired (links last 7 days) or been replaced by a newer one. Ask an admin to
        send you a new invitation.
      </p>
      <Link href="/admin/login/" className="text-sm font-semibold underline">
        Go to sign in
      </Link>
    </main>
  )
}
