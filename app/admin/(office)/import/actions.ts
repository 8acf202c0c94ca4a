'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { staffAction } from '@/services/admin-action'
import { maxUploadBytes } from '@/services/media'
import { startBackgroundImport } from '@/services/wordpress/runs'

const importForm = z.object({
  siteUrl: z
    .string()
    .trim()
    .max(300)
    .refine(
      (v) => v === '' || /^https?:\/\/[^\s/]+/.test(v),
      'Enter the address as https://example.com, or leave it empty.',
    )
    .optional(),
  pingbacks: z.enum(['drop', 'hold'], { error: 'Choose what to do with pingbacks.' }),
})

function fileError(message: string) {
  return { message, fieldErrors: { file: [message] } }
}

export const startImport = staffAction('site.import', importForm, async (input, user, formData) => {
  const file = formData.get('file')
  if (!file || typeof file === 'string' || file.size === 0) return fileError('Choose a WordPress export file (.xml).')
  if (file.size > maxUploadBytes)
    return fileError('The file is larger than 15 MB. Import bigger exports with `npm run import:wordpress`.')
  const head = Buffer.from(await file.slice(0, 4096).arrayBuffer()).toString('utf8')
  if (!/<rss\b/.test(head)) return fileError('This is not a WordPress export: it has no <rss> element.')
  const runId = await startBackgroundImport(
    Buffer.from(await file.arrayBuffer()),
    file.name.slice(0, 200) || 'export.xml',
    {
      actorId: user.id,
      siteUrl: input.siteUrl || undefined,
      pingbacks: input.pingbacks,
    },
  )
  redirect(`/admin/import/?run=${runId}`)
})
