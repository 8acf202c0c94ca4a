import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { AccountNav } from '@/components/account/account-nav'
import { getDigestSubscription, listDigestChoices } from '@/db/queries/digests'
import { getSiteSettings } from '@/db/queries/settings'
import { auth } from '@/services/auth'
import { digestFrequencies, frequencyLabels } from '@/lib/digest-schedule'
import { saveDigestAction } from './actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Your e-mail digest', robots: { index: false } }

type SearchParams = Promise<Record<string, string | string[] | undefined>>

export default async function DigestPreferencesPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await auth()
  if (!session?.user?.uid) redirect('/signin/?callbackUrl=/account/digest/')
  const params = await searchParams
  const site = await getSiteSettings()
  const sub = await getDigestSubscription(session.user.uid)
  const choices = await listDigestChoices()
  const current = {
    // A reader who never chose has no digest: nothing is sent until they pick a frequency.
    frequency: sub?.frequency ?? 'off',
    hour: sub?.hour ?? 7,
    timezone: sub?.timezone ?? site.timezone,
    sectionIds: new Set(sub?.sectionIds ?? []),
    tagIds: new Set(sub?.tagIds ?? []),
  }
  const zones = Intl.supportedValuesOf('timeZone')
  if (!zones.includes(current.timezone)) zones.unshift(current.timezone)
  const topSections = choices.sections.filter((s) => s.parentId === null)
  const childrenOf = (id: number) => choices.sections.filter((s) => s.parentId === id)

  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="mb-6 font-serif text-3xl font-black">Your e-mail digest</h1>
      <AccountNav current="/account/digest/" />
      <p className="text-zinc-700 dark:text-zinc-300">
        The top stories from the sections and tags you follow, with their key points, sent to{' '}
        <strong>{session.user.email}</strong>.
      </p>
      {params.saved && (
        <p
          role="status"
          className="mt-4 border border-green-300 bg-green-50 p-3 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          Your digest settings are saved.
        </p>
      )}
      {params.error && (
        <p
          role="alert"
          className="mt-4 border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          Those settings could not be saved: choose a frequency, an hour and a timezone from the lists.
        </p>
      )}
      <form action={saveDigestAction} className="mt-6 space-y-6">
        <fieldset className="space-y-2">
          <legend className="text-lg font-bold">How often</legend>
          {digestFrequencies.map((f) => (
            <label key={f} className="flex items-center gap-2">
              <input
                type="radio"
                name="frequency"
                value={f}
                defaultChecked={current.frequency === f}
                className={tick}
              />
              {frequencyLabels[f]}
            </label>
          ))}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="hour" className="block font-bold">
              At
            </label>
            <select
              id="hour"
              name="hour"
              defaultValue={current.hour}
              className="mt-1 w-full border border-zinc-300 px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900"
            >
              {Array.from({ length: 24 }, (_, h) => (
                <option key={h} value={h}>
                  {String(h).padStart(2, '0')}:00
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="timezone" className="block font-bold">
              Your timezone
            </label>
            <select
              id="timezone"
              name="timezone"
              defaultValue={current.timezone}
              className="mt-1 w-full border border-zinc-300 px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900"
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset>
          <legend className="text-lg font-bold">Sections</legend>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {topSections.map((s) => (
              <li key={s.id}>
                <Choice name="sectionIds" id={s.id} label={s.name} checked={current.sectionIds.has(s.id)} />
                {childrenOf(s.id).length > 0 && (
                  <ul className="mt-1 ml-6 space-y-1">
                    {childrenOf(s.id).map((c) => (
                      <li key={c.id}>
                        <Choice name="sectionIds" id={c.id} label={c.name} checked={current.sectionIds.has(c.id)} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">A section includes its subsections.</p>
        </fieldset>
        {choices.tags.length > 0 && (
          <fieldset>
            <legend className="text-lg font-bold">Tags</legend>
            <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
              {choices.tags.map((t) => (
                <li key={t.id}>
                  <Choice name="tagIds" id={t.id} label={t.name} checked={current.tagIds.has(t.id)} />
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <button type="submit" className="bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
          Save digest settings
        </button>
      </form>
    </main>
  )
}

const tick = 'size-4 accent-zinc-900 dark:accent-zinc-100'

function Choice({ name, id, label, checked }: { name: string; id: number; label: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2">
      <input type="checkbox" name={name} value={id} defaultChecked={checked} className={tick} />
      {label}
    </label>
  )
}
