/** People belong to `beneficiaries`; here a reference only needs its id to resolve the contracts. */
export const beneficiaryReference = {
  Beneficiary: {
    __resolveReference: (reference: { id: string }): { id: string } => ({ id: reference.id }),
  },
};
