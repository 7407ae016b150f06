// The submit handling the dashboard's forms share (with SvelteKit's `use:enhance`): which form is
// being sent, so that its button is disabled meanwhile (no record saved twice by a double click),
// then the page updated with the action's answer (its data reloaded) and the flag cleared even
// when the update fails.
import type { ActionResult, SubmitFunction } from '$app/forms';

export type SubmitOptions = {
  /** Empty the form once saved (SvelteKit's default); false keeps what was typed, e.g. to show it again beside the errors. */
  reset?: boolean;
  /** Before the page is updated: what the form keeps of the answer; false leaves the page as it is (the answer of another page's action). */
  received?: (result: ActionResult) => boolean | void;
  /** Once the page is updated (a refused form's errors are on screen). */
  updated?: (result: ActionResult, form: HTMLFormElement) => void | Promise<void>;
};

/** The forms of one page or panel, each known by a key (an action, or an action and a row). */
export class Submissions<K extends string = string> {
  /** The key of the form being sent, null when none is. */
  pending = $state<K | null>(null);

  /** The `use:enhance` handler of the form `key`. */
  submit(key: K, { reset = true, received, updated }: SubmitOptions = {}): SubmitFunction {
    return ({ formElement }) => {
      this.pending = key;
      return async ({ result, update }) => {
        try {
          if (received?.(result) === false) return;
          await update({ reset });
          await updated?.(result, formElement);
        } finally {
          this.pending = null;
        }
      };
    };
  }
}

/** What a form action answered: which form (and row), its errors by field and the values typed, or that it was saved. */
export type FormOutcome<F extends string = string> = { form?: F; target?: string; errors?: Record<string, string>; values?: Record<string, string>; saved?: boolean };

/** Reads the last outcome (`latest` is called where it is read, so the page follows it) for one form, or one form of one row. */
export function outcomeOf<F extends string>(latest: () => FormOutcome<F> | null) {
  const concerns = (name: F, target?: string): boolean => {
    const outcome = latest();
    return outcome?.form === name && (target === undefined || outcome.target === target);
  };
  return {
    concerns,
    /** The form's errors by field (`GENERAL` for the whole form). */
    errorsOf: (name: F, target?: string): Record<string, string> => (concerns(name, target) ? (latest()?.errors ?? {}) : {}),
    /** The values typed in a refused form, to show them again. */
    valuesOf: (name: F, target?: string): Record<string, string> => (concerns(name, target) && !latest()?.saved ? (latest()?.values ?? {}) : {}),
    /** Whether the form was just saved. */
    saved: (name: F, target?: string): boolean => Boolean(concerns(name, target) && latest()?.saved),
  };
}
