import { z } from 'zod';

/** Roles of ARCHITECTURE.md §1. */
export const roles = ['ADMIN', 'STEERING', 'REFERENT', 'OPERATOR', 'PRESCRIBER'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, as the gateway vouches for it. Every service decision starts from this. */
export interface Caller {
  userId: string;
  role: Role;
  /** The caller's Département (the tenant): nothing outside it is ever visible. */
  departmentCode: string;
  /** Territories the caller is limited to; empty means the whole Département. */
  territoryIds: string[];
  /** The partner (operator) the caller works for, for OPERATOR users. */
  partnerId: string | null;
}

export const callerClaimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(roles),
  dep: z.string().regex(/^(\d{2}|2A|2B|\d{3})$/),
  ter: z.array(z.string()).default([]),
  pid: z.string().nullable().default(null),
});
export type CallerClaims = z.infer<typeof callerClaimsSchema>;

export function claimsOf(caller: Caller): CallerClaims {
  return { sub: caller.userId, role: caller.role, dep: caller.departmentCode, ter: caller.territoryIds, pid: caller.partnerId };
}

export function callerOf(claims: CallerClaims): Caller {
  return { userId: claims.sub, role: claims.role, departmentCode: claims.dep, territoryIds: claims.ter, partnerId: claims.pid };
}
