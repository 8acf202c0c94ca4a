import Link from 'next/link'
import { Select } from '@/components/ui/field'
import type { FormFields } from '@/components/ui/use-form.client'

/** The primary author of an article, for editors and admins: any staff member, signing in or not. */
export function AuthorPicker({
  form,
  authors,
}: {
  form: FormFields
  authors: { id: number; name: string; noLogin?: boolean }[]
}) {
  return (
    <div>
      <Select form={form} name="authorId" label="Author" describedBy="authorId-note">
        {authors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.noLogin ? `${a.name} (profile, no login)` : a.name}
          </option>
        ))}
      </Select>
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
