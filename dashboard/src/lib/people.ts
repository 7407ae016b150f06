// How the dashboard names a person: nominative data is read only where a page needs it
// (`identity`, decrypted and audited by the gateway); elsewhere a pseudonymous label.

/** A stable pseudonymous label built from the person's id: « Personne 3F2A91C0 ». */
export function pseudonym(id: string): string {
  return `Personne ${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

/** « NOM Prénom » when the identity was read, the pseudonym otherwise. */
export function personName(person: { id: string; identity?: { firstName: string; lastName: string } | null }): string {
  return person.identity ? `${person.identity.lastName.toUpperCase()} ${person.identity.firstName}` : pseudonym(person.id);
}
