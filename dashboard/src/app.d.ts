// Ambient declarations for the dashboard. This file is deliberately a script (no top-level
// import or export), so that the wildcard `declare module` below is an ambient module
// declaration rather than a module augmentation. Add `declare namespace App { … }` here
// when the app needs to type `locals`, `page.data`, etc.

/** GraphQL operations imported as text with Vite's `?raw` suffix. */
declare module '*.graphql?raw' {
  const document: string;
  export default document;
}

declare namespace App {
  interface Locals {
    /** The signed-in user (null only on public pages). */
    user: import('#lib/server/session.ts').SessionUser | null;
    /** The session token to forward to the gateway. */
    sessionToken: string | null;
  }
}
