import type { Metadata } from 'next'
import Link from 'next/link'
import { getDigestStatsAdmin, listDigestSubscribersAdmin } from '@/db/queries/admin-digests'
import { getSiteSettings } from '@/db/queries/settings'
import { requireStaff } from '@/services/auth'
import { composeDigest, digestWindow } from '@/services/digest'
import { digestHtml, digestSubject, digestText } from '@/lib/digest-mail'
import { frequencyLabels, latestSlot } from '@/lib/digest-schedule'
import { mailConfigured, outboxDir } from '@/services/mail'
import { DataTable } from '@/components/ui/data-table'

export const metadata: Metadata = { title: 'Digests' }

const statusLabels: Record<string, string> = {
  sent: 'Sent',
  empty: 'Nothing new (not sent)',
  failed: 'Failed (will not retry)',
  bounced: 'Refused by the mail server',
  sending: 'Interrupted while sending (not resent)',
}

export default async function DigestsPage({ searchParams }: { searchParams: Promise<{ preview?: string }> }) {
  await requireStaff('digests.manage')
  const sp = await searchParams
  const now = new Date()
  const since = new Date(now.getTime() - 30 * 86_400_000)
  const [stats, subscribers] = await Promise.all([getDigestStatsAdmin(since), listDigestSubscribersAdmin()])
  const { timezone } = await getSiteSettings()
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short' })
  const previewId = /^[1-9]\d{0,9}$/.test(sp.preview ?? '') ? Number(sp.preview) : undefined
  const reader = subscribers.find((s) => s.userId === previewId)
  let preview: { subject: string; html: string; text: string } | null | undefined
  if (reader) {
    // The digest as it would go out now, over the window the reader's next one would cover.
    const slot = latestSlot({ ...reader, frequency: reader.frequency === 'off' ? 'weekly' : reader.frequency }, now)!
    const built = await composeDigest({ ...reader }, digestWindow(reader, slot, now), now)
    const c = built?.content
    preview = c ? { subject: digestSubject(c), html: digestHtml(c), text: digestText(c) } : null
  }
  const total = (s: string) => stats.byStatus.find((r) => r.status === s)?.n ?? 0

  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Digests</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        {mailConfigured()
          ? 'Digests go out through SMTP_URL.'
          : `SMTP_URL is not set: digests are written as .eml files to ${outboxDir()}.`}{' '}
        Times are in {timezone}.
      </p>

      <section aria-labelledby="stats-heading" className="mb-8">
        <h2 id="stats-heading" className="mb-3 text-lg font-semibold">
          Last 30 days
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {Object.keys(statusLabels).map((s) => (
            <div key={s} className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
              <dt className="text-xs text-zinc-600 dark:text-zinc-400">{statusLabels[s]}</dt>
              <dd className="text-2xl font-bold">{total(s)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-sm">
          Subscribers:{' '}
          {stats.byFrequency.length === 0
            ? 'none yet'
            : stats.byFrequency.map((f) => `${f.n} ${frequencyLabels[f.frequency].toLowerCase()}`).join(', ')}
          .
        </p>
      </section>

      <section aria-labelledby="preview-heading" className="mb-8">
        <h2 id="preview-heading" className="mb-3 text-lg font-semibold">
          Preview a reader&rsquo;s digest
        </h2>
        {subscribers.length === 0 ? (
          <p className="text-sm">No one has chosen a digest yet.</p>
        ) : (
          <form method="get" action="/admin/digests/" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="preview" className="block text-sm font-medium">
                Reader
              </label>
              <select id="preview" name="preview" defaultValue={previewId ?? ''} className="input">
                {subscribers.map((s) => (
                  <option key={s.userId} value={s.userId}>
                    {s.name} &lt;{s.email}&gt; ({frequencyLabels[s.frequency].toLowerCase()})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              Preview
            </button>
          </form>
        )}
        {reader && preview === null && (
          <p className="mt-4 text-sm" role="status">
            Nothing new for {reader.name} since their last digest: no mail would be sent now.
          </p>
        )}
        {reader && preview && (
          <div className="mt-4 space-y-3">
            <p className="text-sm">
              <strong>Subject:</strong> {preview.subject}
            </p>
            {/* Sandboxed: the mail's HTML runs nothing and reaches nothing of the back office. */}
            <iframe
              title={`Digest preview for ${reader.name}`}
              srcDoc={preview.html}
              sandbox=""
              className="h-[36rem] w-full rounded border border-zinc-300 bg-white dark:border-zinc-700"
            />
            <details>
              <summary className="cursor-pointer text-sm font-medium">Plain-text part</summary>
              <pre className="mt-2 overflow-x-auto rounded bg-zinc-100 p-3 text-xs whitespace-pre-wrap dark:bg-zinc-900">
                {preview.text}
              </pre>
            </details>
          </div>
        )}
      </section>

      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading" className="mb-3 text-lg font-semibold">
          Latest sends
        </h2>
        {stats.recent.length === 0 ? (
          <p className="text-sm">No digest has been sent yet.</p>
        ) : (
          <DataTable
            caption="Latest digest sends"
            rows={stats.recent}
            alignTop
            columns={[
              {
                header: 'When',
                className: 'whitespace-nowrap',
                cell: (r) => <time dateTime={r.createdAt.toISOString()}>{when.format(r.createdAt)}</time>,
              },
              {
                header: 'Reader',
                cell: (r) => (
                  <>
                    <Link href={`/admin/digests/?preview=${r.userId}`} className="underline">
                      {r.name}
                    </Link>{' '}
                    <span className="text-zinc-600 dark:text-zinc-400">{r.email}</span>
                  </>
                ),
              },
              { header: 'Digest of', className: 'whitespace-nowrap', cell: (r) => r.slot },
              { header: 'Stories', cell: (r) => r.stories },
              {
                header: 'Result',
                className: 'break-words',
                cell: (r) => (
                  <>
                    {statusLabels[r.status]}
                    {r.error && <span className="block text-xs text-red-700 dark:text-red-400">{r.error}</span>}
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  )
}
