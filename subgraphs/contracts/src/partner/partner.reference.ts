/** Partners belong to `partners`; here a reference only needs its id to resolve the fields added above. */
export const partnerReference = {
  Partner: {
    __resolveReference: (reference: { id: string }): { id: string } => ({ id: reference.id }),
  },
};
