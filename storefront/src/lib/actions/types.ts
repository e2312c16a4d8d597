/** What a form's server action answers (useActionState): an error sentence, a success one, a fresh key. */
export type FormState = { error?: string; ok?: string; key?: string; field?: string; data?: Record<string, unknown> }
export const initialFormState: FormState = {}
