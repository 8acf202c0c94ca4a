import type { Metadata } from 'next'
import { listLogoChoicesAdmin } from '@/db/queries/admin-taxonomy'
import { getSiteSettings } from '@/db/queries/settings'
import { SettingsForm } from '@/components/admin/settings-form.client'
import { requireStaff } from '@/lib/auth'

export const metadata: Metadata = { title: 'Settings' }

export default async function SettingsAdminPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  await requireStaff('settings.manage')
  const [logos, { saved }] = await Promise.all([listLogoChoicesAdmin(), searchParams])
  const s = getSiteSettings()
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Settings</h1>
      {saved && (
        <p
          role="status"
          className="mb-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          Settings saved.
        </p>
      )}
      <SettingsForm
        logoChoices={logos.map((m) => ({ id: m.id, label: `${m.alt || m.originalName || m.path} (#${m.id})` }))}
        settings={{
          name: s.name,
          tagline: s.tagline,
          description: s.description,
          logoMediaId: s.logoMediaId === null ? '' : String(s.logoMediaId),
          timezone: s.timezone,
          locale: s.locale,
          postsPerPage: String(s.postsPerPage),
          phone: s.phone,
          email: s.email,
          ...Object.fromEntries(s.social.map((l) => [`social_${l.network}`, l.url])),
          staff: s.staff.map((p) => `${p.role}: ${p.name}`).join('\n'),
          registeredOffice: s.registeredOffice,
          editorialOffice: s.editorialOffice,
          copyright: s.copyright,
          backupEveryHours: String(s.backupEveryHours),
          backupKeep: String(s.backupKeep),
        }}
      />
    </>
  )
}
