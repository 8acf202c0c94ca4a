'use client'

import { useActionState } from 'react'
import type { FormState as ActionState } from '@/services/admin-action'

/** What a form action answers: `message` is an error, `notice` a confirmation. */
export type FormState = ActionState & { notice?: string }

export type FormAction<S extends FormState = FormState> = (state: S, formData: FormData) => Promise<S>

type Options = {
  /** The stored record the fields start from, until a failed submit brings back what was typed. */
  stored?: Record<string, unknown>
  /** Prefixes every element id, for forms that share a page with others of their kind. */
  idPrefix?: string
  /** Errors found before sending, shown in place of the server's. */
  errors?: Record<string, string[] | undefined>
}

/** The state of a form and what its fields read from it. */
export type FormFields<S extends FormState = FormState> = ReturnType<typeof formFields<S>>

function formFields<S extends FormState>(state: S, { stored = {}, idPrefix = '', errors = {} }: Options) {
  const error = (name: string) => errors[name] ?? state.fieldErrors?.[name]
  const id = (name: string) => `${idPrefix}${name}`
  return {
    state,
    id,
    error,
    // After an error the form shows what was submitted, not what is stored.
    value: (name: string) => state.values?.[name] ?? String(stored[name] ?? ''),
    checked: (name: string) =>
      state.values ? state.values[name] === 'on' : stored[name] === true || stored[name] === 'on',
    /** The ids that describe a field: its hint when it has one, then its error when there is one. */
    described: (
      name: string,
      { hint = false, extra, as = id(name) }: { hint?: boolean; extra?: string; as?: string } = {},
    ) => [extra, hint && `${as}-hint`, error(name)?.length && `${as}-error`].filter(Boolean).join(' ') || undefined,
    /** Re-keys the form when a failed submit comes back, so the fields show what was typed. */
    key: (fallback: unknown = {}) => JSON.stringify(state.values ?? fallback),
  }
}

/** useActionState for a form action, with the readers its fields need. */
export function useForm<S extends FormState>(action: FormAction<S>, options: Options = {}) {
  const [state, formAction] = useActionState(action, {} as Awaited<S>)
  return [formFields(state, options), formAction] as const
}
