'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'
import { saveDigestPreferences } from '@/db/mutations/digests'
import { auth } from '@/services/auth'
import { digestFrequencies, isTimeZone } from '@/lib/digest-schedule'

const ids = z.array(z.coerce.number().int().positive()).max(200)
const preferences = z.object({
  frequency: z.enum(digestFrequencies),
  hour: z.coerce.number().int().min(0).max(23),
  timezone: z.string().max(64).refine(isTimeZone),
  sectionIds: ids,
  tagIds: ids,
})

export async function saveDigestAction(formData: FormData) {
  const session = await auth()
  if (!session?.user?.uid) redirect('/signin/?callbackUrl=/account/digest/')
  const parsed = preferences.safeParse({
    frequency: formData.get('frequency'),
    hour: formData.get('hour'),
    timezone: formData.get('timezone'),
    sectionIds: formData.getAll('sectionIds'),
    tagIds: formData.getAll('tagIds'),
  })
  // Every field is a choice from a list, so only a hand-made request lands here.
  if (!parsed.success) redirect('/account/digest/?error=invalid')
  await saveDigestPreferences(session.user.uid, parsed.data)
  redirect('/account/digest/?saved=1')
}
