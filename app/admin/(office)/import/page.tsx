import type { Metadata } from 'next'
import Link from 'next/link'
import { requireStaff } from '@/services/auth'
import { activeImports } from '@/services/wordpress/runs'
import { getImportRunAdmin, listImportRunsAdmin } from '@/db/queries/admin-import'
import { ImportForm } from '@/components/admin/import-form.client'
import { startImport } from './actions'

export const metadata: Metadata = { title: 'Import & export' }

type Search = Promise<Record<string, string | undefined>>

const dateTime = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'

export default async function ImportPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('site.import')
  const sp = await searchParams
  const runs = await listImportRunsAdmin()
  const runId = /^[1-9]\d{0,9}$/.test(sp.run ?? '') ? Number(sp.run) : runs[0]?.id
  const run = runId ? await getImportRunAdmin(runId) : undefined
  const state = (r: { id: number; status: string }) =>
    r.status === 'running' && !activeImports.has(r.id) ? 'interrupted' : r.status
  const percent = (r: { progress: number; total: number }) =>
    r.total ? Math.min(100, Math.floor((r.progress / r.total) * 100)) : 0
  const running = runs.some((r) => state(r) === 'running')

  return (
    <>
      {/* Follows a run without any script: the page reloads itself while an import is under way. */}
      {running && <meta httpEquiv="refresh" content="2" />}
      <h1 className="mb-6 text-2xl font-bold">Import &amp; export</h1>

      <section aria-labelledby="import-heading" className="mb-8">
        <h2 id="import-heading" className="mb-3 text-lg font-semibold">
          Import from WordPress
        </h2>
        <p className="mb-3 max-w-prose text-sm text-zinc-700 dark:text-zinc-300">
          Posts, pages, sections, tags, authors, comments and media come over, and the old addresses redirect to the new
          ones. Importing the same export again updates what the last import brought; an import that stopped is resumed
          by importing the file again. See <code>docs/wordpress.md</code>.
        </p>
        <ImportForm action={startImport} />
      </section>

      {run && (
        <section aria-labelledby="run-heading" className="mb-8">
          <h2 id="run-heading" className="mb-3 text-lg font-semibold">
            Import of {run.fileName}
          </h2>
          <p role="status" className="mb-3 text-sm">
            {state(run) === 'running' && `Importing… ${percent(run)}%`}
            {state(run) === 'done' && `Finished: ${run.source ?? ''}`}
            {state(run) === 'failed' && `Stopped: ${run.report?.error ?? 'unknown error'}`}
            {state(run) === 'interrupted' && 'Interrupted by a server restart. Import the file again to resume.'}
          </p>
          <progress max={100} value={percent(run)} aria-label="Import progress" className="mb-4 w-full max-w-md">
            {percent(run)}%
          </progress>
          {run.report && Object.keys(run.report.counts).length > 0 && (
            <table className="mb-4 text-sm">
              <caption className="sr-only">Imported items</caption>
              <thead>
                <tr>
                  <th scope="col" className="pr-6 text-left">
                    Kind
                  </th>
                  <th scope="col" className="pr-6 text-right">
                    New
                  </th>
                  <th scope="col" className="text-right">
                    Updated
                  </th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(run.report.counts).map(([kind, c]) => (
                  <tr key={kind}>
                    <th scope="row" className="pr-6 text-left font-normal">
                      {kind}
                    </th>
                    <td className="pr-6 text-right">{c.created}</td>
                    <td className="text-right">{c.updated}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {run.report && run.report.skipped.length > 0 && (
            <details className="mb-3 text-sm">
              <summary>Skipped or changed ({run.report.skipped.length})</summary>
              <ul className="mt-2 list-disc pl-6">
                {run.report.skipped.map((s, i) => (
                  <li key={i}>
                    {s.item}: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {run.report && run.report.keptMediaUrls.length > 0 && (
            <details className="text-sm">
              <summary>Media left at the original address ({run.report.keptMediaUrls.length})</summary>
              <ul className="mt-2 list-disc pl-6 break-all">
                {run.report.keptMediaUrls.map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}

      {runs.length > 1 && (
        <section aria-labelledby="runs-heading" className="mb-8">
          <h2 id="runs-heading" className="mb-3 text-lg font-semibold">
            Earlier imports
          </h2>
          <ul className="text-sm">
            {runs.map((r) => (
              <li key={r.id}>
                <Link href={`/admin/import/?run=${r.id}`} className="underline">
                  {r.fileName}
                </Link>{' '}
                · {state(r)} · {dateTime(r.startedAt)}
                {r.startedByName ? ` · ${r.startedByName}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="export-heading">
        <h2 id="export-heading" className="mb-3 text-lg font-semibold">
          Export the site
        </h2>
        <ul className="list-disc pl-6 text-sm">
          <li>
            <a href="/admin/import/wordpress.xml" className="underline" download>
              WordPress export (WXR 1.2)
            </a>{' '}
            — for WordPress&rsquo;s own importer, or another Gazette.
          </li>
          <li>
            <a href="/admin/import/gazette.json" className="underline" download>
              Complete JSON dump
            </a>{' '}
            — every table but passwords and sign-in tokens.
          </li>
        </ul>
      </section>
    </>
  )
}
