import type { Metadata } from 'next'
import { connection } from 'next/server'
import { SiteChrome } from '@/components/site/site-chrome'

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } }

export default async function NotFound() {
  // Rendered per request: a 404 page baked at build time would show the build machine's settings.
  await connection()
  return (
    <SiteChrome>
      <NotFoundBody />
    </SiteChrome>
  )
}

export function NotFoundBody() {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16 text-center">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase dark:text-amber-300">404</p>
      <h1 className="mt-2 font-serif text-4xl font-black">Page not found</h1>
      <p className="mt-4 text-zinc-700 dark:text-zinc-300">
        The page you asked for does not exist or is no longer published. Try a search, or start from the front page.
      </p>
      <form action="/search/" method="get" role="search" className="mx-auto mt-6 flex max-w-md">
        <label htmlFor="search-404" className="sr-only">
          Search articles
        </label>
        <input
          id="search-404"
          type="search"
          name="q"
          required
          className="min-w-0 flex-1 border border-zinc-300 px-3 py-2 dark:border-zinc-600 dark:bg-zinc-900"
        />
        <button type="submit" className="bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Search
        </button>
      </form>
      <p className="mt-6">
        <a href="/" className="font-semibold text-brand-700 underline dark:text-amber-300">
          Go to the front page
        </a>
      </p>
    </main>
  )
}
