/** Conventions belong to `contracts`; here a reference only needs its id to resolve the fields added above. */
export const conventionReference = {
  Convention: {
    __resolveReference: (reference: { id: string }): { id: string } => ({ id: reference.id }),
  },
};
