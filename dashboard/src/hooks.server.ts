import type { HandleServerError } from '@sveltejs/kit/hooks';

/** French messages for the errors SvelteKit raises itself (unknown route, wrong method…). */
function frameworkMessage(status: number): string {
  switch (status) {
    case 404:
      return "Cette page n'existe pas.";
    case 405:
      return "Cette action n'est pas autorisée sur cette page.";
    default:
      return "La requête n'a pas pu aboutir.";
  }
}

export const handleError: HandleServerError = ({ kind, error, event }) => {
  switch (kind) {
    case 'app':
      // Thrown with `error(...)`: the message is already written for users, in French.
      return;
    case 'framework':
      return { message: frameworkMessage(error.status) };
    case 'validation':
      return { message: 'La requête est invalide.' };
    case 'unknown':
      console.error(`[dashboard] unexpected error on ${event.request.method} ${event.url.pathname}`, error);
      return { message: 'Une erreur inattendue est survenue.' };
  }
};
