import 'server-only'
import { z } from 'zod'
import type { Capability } from '@/lib/permissions'
import { requireStaff, type StaffUser } from './auth'
import { reportWriteFailure, reportWriteSuccess, writeFailureMessage, writeFailureOf } from '@/lib/write-failure'

export type FormState = {
  message?: string
  fieldErrors?: Record<string, string[] | undefined>
  /** What was submitted, so the form shows it again after an error. Never includes passwords. */
  values?: Record<string, string>
  /** Set by a background autosave that succeeded; the form keeps what is being typed. */
  autosavedAt?: string
}

const secretFields = /password|token|secret/i

function submittedValues(formData: FormData) {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$ACTION') && !secretFields.test(key)) values[key] = value
  }
  return values
}

/**
 * A server action for a form: authorizes first, then validates with zod, then runs. Every action
 * is a public POST endpoint, so this order holds whatever the UI shows or hides.
 */
export function staffAction<S extends z.ZodType>(
  capability: Capability,
  schema: S,
  run: (input: z.infer<S>, user: StaffUser, formData: FormData) => Promise<FormState | void> | FormState | void,
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const user = await requireStaff(capability)
    const parsed = schema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) {
      return {
        message: 'Please correct the highlighted fields.',
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        values: submittedValues(formData),
      }
    }
    let result: FormState | void
    try {
      result = await run(parsed.data, user, formData)
    } catch (error) {
      // A full disk or a read-only database: the editor keeps what they typed and is told why.
      // The front server turns this request's response into a 503 (server/write-failures.ts).
      const reason = writeFailureOf(error)
      if (!reason) {
        if (String((error as { digest?: unknown }).digest ?? '').startsWith('NEXT_REDIRECT')) reportWriteSuccess()
        throw error
      }
      reportWriteFailure(reason, 'staff action')
      return { message: writeFailureMessage(reason), values: submittedValues(formData) }
    }
    reportWriteSuccess()
    return result ? { values: submittedValues(formData), ...result } : {}
  }
}

/**
 * A form action outside the back office (reader sign-up, sign-in, account forms): a full disk or a
 * read-only database gives the form its message and what was typed, as `staffAction` does, and the
 * front server answers the POST with 503.
 */
export function savingAction<S extends FormState>(action: (prev: S, formData: FormData) => Promise<S>) {
  return async (prev: S, formData: FormData): Promise<S> => {
    try {
      return await action(prev, formData)
    } catch (error) {
      const reason = writeFailureOf(error)
      if (!reason) throw error
      reportWriteFailure(reason, 'reader form')
      return { message: writeFailureMessage(reason), values: submittedValues(formData) } as S
    }
  }
}
