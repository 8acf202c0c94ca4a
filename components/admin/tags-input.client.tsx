'use client'

import { useState } from 'react'

/**
 * The comma-separated tags field, offering existing tags as one types. Without JavaScript the
 * browser still suggests them for the first tag; with it, each suggestion keeps the tags already typed.
 */
export function TagsInput({
  id,
  name,
  defaultValue,
  existing,
  describedBy,
}: {
  id: string
  name: string
  defaultValue: string
  existing: string[]
  describedBy?: string
}) {
  const [typed, setTyped] = useState('')
  const cut = typed.lastIndexOf(',')
  const before = cut < 0 ? '' : `${typed.slice(0, cut + 1).trimEnd()} `
  const chosen = new Set(
    typed
      .split(',')
      .slice(0, -1)
      .map((t) => t.trim().toLowerCase()),
  )
  return (
    <>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        list={`${id}-existing`}
        autoComplete="off"
        onChange={(e) => setTyped(e.target.value)}
        aria-describedby={describedBy}
        className="input"
      />
      <datalist id={`${id}-existing`}>
        {existing
          .filter((t) => !chosen.has(t.toLowerCase()))
          .map((t) => (
            <option key={t} value={before + t} />
          ))}
      </datalist>
    </>
  )
}
