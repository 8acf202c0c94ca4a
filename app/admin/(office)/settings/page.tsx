import type { Metadata } from 'next'
import { listLogoChoicesAdmin } from '@/db/queries/admin-taxonomy'
import { getSiteSettings } from '@/db/queries/settings'
import { CommentRulesForm } from '@/components/admin/comment-rules-form.client'
import { SettingsForm } from '@/components/admin/settings-form.client'
import { requireStaff } from '@/services/auth'
import { saveCommentRulesAction, saveSettingsAction } from './actions'

export const metadata: Metadata = { title: 'Settings' }

export default async function SettingsAdminPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  await requireStaff('settings.manage')
  const [logos, { saved }] = await Promise.all([listLogoChoicesAdmin(), searchParams])
  const s = await getSiteSettings()
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
        action={saveSettingsAction}
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
      <section aria-labelledby="comment-rules-heading" className="mt-12 max-w-2xl">
        <h2 id="comment-rules-heading" className="mb-4 text-xl font-bold">
          Comment rules
        </h2>
        <CommentRulesForm
          action={saveCommentRulesAction}
          rules={{
            holdFirstComment: s.comments.holdFirstComment ? 'on' : '',
            holdMachineNames: s.comments.holdMachineNames ? 'on' : '',
            maxLinks: String(s.comments.maxLinks),
            minFillSeconds: String(s.comments.minFillSeconds),
            perIpLimit: String(s.comments.perIpLimit),
            perAccountLimit: String(s.comments.perAccountLimit),
            rateWindowMinutes: String(s.comments.rateWindowMinutes),
            closeAfterDays: String(s.comments.closeAfterDays),
            blocklist: s.comments.blocklist.join('\n'),
          }}
        />
      </section>
    </>
  )
}
