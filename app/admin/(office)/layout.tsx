import Link from 'next/link'
import { requireStaff, signOut } from '@/services/auth'
import { can, type Capability } from '@/lib/permissions'

const sections: { href: string; label: string; capability: Capability }[] = [
  { href: '/admin/', label: 'Dashboard', capability: 'admin.access' },
  { href: '/admin/articles/', label: 'Articles', capability: 'articles.create' },
  { href: '/admin/media/', label: 'Media', capability: 'media.upload' },
  { href: '/admin/comments/', label: 'Comments', capability: 'comments.moderate' },
  { href: '/admin/sections/', label: 'Sections', capability: 'taxonomy.manage' },
  { href: '/admin/tags/', label: 'Tags', capability: 'taxonomy.manage' },
  { href: '/admin/pages/', label: 'Pages', capability: 'pages.manage' },
  { href: '/admin/digests/', label: 'Digests', capability: 'digests.manage' },
  { href: '/admin/settings/', label: 'Settings', capability: 'settings.manage' },
  { href: '/admin/users/', label: 'Users', capability: 'users.manage' },
  { href: '/admin/audit/', label: 'Audit log', capability: 'users.manage' },
  { href: '/admin/import/', label: 'Import & export', capability: 'site.import' },
  { href: '/admin/profile/', label: 'Profile', capability: 'admin.access' },
]

export default async function OfficeLayout({ children }: { children: React.ReactNode }) {
  const user = await requireStaff()
  async function signOutAction() {
    'use server'
    await signOut({ redirectTo: '/admin/login/' })
  }
  return (
    <div className="min-h-screen">
      <header className="bg-zinc-900 text-zinc-100">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div className="flex flex-wrap items-center gap-6">
            <Link href="/admin/" className="font-bold">
              Gazette newsroom
            </Link>
            <nav aria-label="Back office">
              <ul className="flex flex-wrap gap-4 text-sm">
                {sections
                  .filter((s) => can(user.role, s.capability))
                  .map((s) => (
                    <li key={s.href}>
                      <Link href={s.href} className="hover:underline">
                        {s.label}
                      </Link>
                    </li>
                  ))}
                <li>
                  <Link href="/" className="hover:underline">
                    View site
                  </Link>
                </li>
              </ul>
            </nav>
          </div>
          <form action={signOutAction} className="flex items-center gap-3 text-sm">
            <span>
              {user.name} <span className="text-zinc-400">({user.role})</span>
            </span>
            <button type="submit" className="rounded border border-zinc-600 px-3 py-1 hover:bg-zinc-800">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </div>
  )
}
