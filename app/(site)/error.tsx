'use client'

import { useEffect } from 'react'

export default function SiteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error)
  }, [error])
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="font-serif text-3xl font-black">Something went wrong</h1>
      <p className="mt-4">This page could not be shown just now. Please try again in a moment.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
      >
        Try again
      </button>
    </main>
  )
}
