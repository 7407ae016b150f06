/** ConventionIndicators belong to `contracts`; the representation (key and the shares required from it) is all `funding` needs. */
export const conventionIndicatorsReference = {
  ConventionIndicators: {
    __resolveReference: <T extends { key: string }>(reference: T): T => reference,
  },
};
