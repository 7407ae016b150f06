/** Partners belong to `partners`; the id is all the fields here need. */
export const partnerReference = {
  Partner: {
    __resolveReference: (reference: { id: string }): { id: string } => ({ id: reference.id }),
  },
};
