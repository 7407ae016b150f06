import type pg from 'pg';
import type { Caller, Role } from '@passerelles/subgraph-kit/identity';

export interface UserRow {
  id: string;
  department_code: string;
  email: string;
  display_name: string;
  role: Role;
  territory_ids: string[];
  partner_id: string | null;
  active: boolean;
  password_hash: string | null;
  failed_logins: number;
  locked_until: Date | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface PublicUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  departmentCode: string;
  territoryIds: string[];
  partnerId: string | null;
  active: boolean;
  lastLoginAt: string | null;
}

export const callerOfUser = (u: UserRow): Caller => ({
  userId: u.id,
  role: u.role,
  departmentCode: u.department_code,
  territoryIds: u.territory_ids,
  partnerId: u.partner_id,
});

export const publicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  email: u.email,
  displayName: u.display_name,
  role: u.role,
  departmentCode: u.department_code,
  territoryIds: u.territory_ids,
  partnerId: u.partner_id,
  active: u.active,
  lastLoginAt: u.last_login_at ? u.last_login_at.toISOString() : null,
});

/** A pool, or one of its clients inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

/** Named queries on `auth.app_user`. */
export class UserRepository {
  constructor(private readonly db: Queryable) {}

  async byEmail(email: string): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>('select * from auth.app_user where lower(email) = lower($1)', [email]);
    return rows[0] ?? null;
  }

  async byId(id: string): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>('select * from auth.app_user where id = $1', [id]);
    return rows[0] ?? null;
  }

  /** The account, locked until the end of the transaction: administrators' changes to it happen one after the other. */
  async lockById(id: string): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>('select * from auth.app_user where id = $1 for update', [id]);
    return rows[0] ?? null;
  }

  async byOidc(issuer: string, subject: string): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>('select * from auth.app_user where oidc_issuer = $1 and oidc_subject = $2', [issuer, subject]);
    return rows[0] ?? null;
  }

  async linkOidc(id: string, issuer: string, subject: string): Promise<void> {
    await this.db.query('update auth.app_user set oidc_issuer = $2, oidc_subject = $3, updated_at = now() where id = $1', [id, issuer, subject]);
  }

  async inDepartment(departmentCode: string): Promise<UserRow[]> {
    const { rows } = await this.db.query<UserRow>('select * from auth.app_user where department_code = $1 order by lower(email)', [departmentCode]);
    return rows;
  }

  /** Counts a failed login; locks the account for `lockMinutes` at the `maxFailures`-th in a row. */
  async recordFailure(id: string, maxFailures: number, lockMinutes: number): Promise<void> {
    await this.db.query(
      `update auth.app_user set failed_logins = failed_logins + 1,
         locked_until = case when failed_logins + 1 >= $2 then now() + $3 * interval '1 minute' else locked_until end
       where id = $1`,
      [id, maxFailures, lockMinutes],
    );
  }

  async recordSuccess(id: string): Promise<void> {
    await this.db.query('update auth.app_user set failed_logins = 0, locked_until = null, last_login_at = now() where id = $1', [id]);
  }

  async create(user: { departmentCode: string; email: string; displayName: string; role: Role; territoryIds: string[]; partnerId: string | null; passwordHash?: string | null }): Promise<UserRow> {
    const { rows } = await this.db.query<UserRow>(
      `insert into auth.app_user (department_code, email, display_name, role, territory_ids, partner_id, password_hash)
       values ($1, $2, $3, $4, $5, $6, $7) returning *`,
      [user.departmentCode, user.email, user.displayName, user.role, user.territoryIds, user.partnerId, user.passwordHash ?? null],
    );
    return rows[0]!;
  }

  async update(id: string, departmentCode: string, changes: { role?: Role; territoryIds?: string[]; partnerId?: string | null; active?: boolean; passwordHash?: string }): Promise<UserRow | null> {
    const { rows } = await this.db.query<UserRow>(
      `update auth.app_user set
         role = coalesce($3, role),
         territory_ids = coalesce($4, territory_ids),
         partner_id = case when $5::boolean then $6::uuid else partner_id end,
         active = coalesce($7, active),
         password_hash = coalesce($8, password_hash),
         updated_at = now()
       where id = $1 and department_code = $2 returning *`,
      [id, departmentCode, changes.role ?? null, changes.territoryIds ?? null, changes.partnerId !== undefined, changes.partnerId ?? null, changes.active ?? null, changes.passwordHash ?? null],
    );
    return rows[0] ?? null;
  }
}
