import { listBreakingArticles } from '@/db/queries/articles'
import { articlePath } from '@/lib/urls'

/**
 * The breaking stories above every reader page: one line, scrolled sideways on a narrow screen,
 * so a phone reaches the page's own content at once.
 */
export async function BreakingStrip({ timeZone }: { timeZone: string }) {
  const breaking = await listBreakingArticles(6)
  if (breaking.length === 0) return null
  return (
    <section aria-labelledby="breaking-heading" className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 sm:gap-4">
        <h2 id="breaking-heading" className="shrink-0 py-2 text-sm font-black tracking-wider uppercase">
          Breaking
        </h2>
        <ul className="flex min-w-0 gap-6 overflow-x-auto py-2">
          {breaking.map((a) => (
            <li key={a.id} className="flex shrink-0 items-center gap-2 text-sm whitespace-nowrap">
              {a.category && (
                <span className="hidden bg-white/20 px-1.5 text-xs font-semibold uppercase sm:inline">
                  {a.category.name}
                </span>
              )}
              <a href={articlePath(a, timeZone)} className="underline-offset-2 hover:underline">
                {a.title}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
