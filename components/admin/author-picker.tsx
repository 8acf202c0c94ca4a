import Link from 'next/link'
import { Field } from './field'

/** The primary author of an article, for editors and admins: any staff member, signing in or not. */
export function AuthorPicker({
  defaultValue,
  authors,
  errors,
}: {
  defaultValue: string
  authors: { id: number; name: string; noLogin?: boolean }[]
  errors?: string[]
}) {
  return (
    <div>
      <Field id="authorId" label="Author" errors={errors}>
        <select
          id="authorId"
          name="authorId"
          defaultValue={defaultValue}
          aria-describedby={['authorId-note', errors ? 'authorId-error' : ''].filter(Boolean).join(' ')}
          className="input"
        >
          {authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.noLogin ? `${a.name} (profile, no login)` : a.name}
            </option>
          ))}
        </select>
      </Field>
      <p id="authorId-note" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        First on the byline. Someone without a login?{' '}
        <Link href="/admin/users/#profile-heading" className="underline">
          Add a contributor profile
        </Link>{' '}
        (admins).
      </p>
    </div>
  )
}
