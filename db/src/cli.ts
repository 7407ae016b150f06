#!/usr/bin/env node
import { purgeAccessLog } from './audit-retention.js';
import { openDatabase, prepareDatabase } from './database.js';
import { readDbEnv } from './env.js';
import { provisionServiceRoles } from './roles.js';
import { stopOnSignals } from './signals.js';

const usage = `passerelles-db <command>
  purge-audit [days]  delete access-log lines older than [days] (default 365); run it daily
  up        start the embedded PostgreSQL (or use DATABASE_URL), migrate ref/auth/audit, load the
            reference geography, print the connection string and keep running until Ctrl-C
  prepare   migrate ref/auth/audit, load the reference geography, (re)make each service's role and
            print the DATABASE_URL each service must use (new passwords every time; with
            PASSERELLES_PROVISION_ROLES=0, grants the roles of <SERVICE>_DATABASE_URL), then exit`;

async function main(command: string | undefined): Promise<void> {
  if (command === 'purge-audit') {
    const env = readDbEnv();
    const database = await openDatabase(env);
    const days = Number(process.argv[3] ?? 365);
    const deleted = await purgeAccessLog(database.url, days);
    console.log(`[db] access log: ${deleted} lines older than ${days} days deleted`);
    await database.stop();
    return;
  }
  if (command !== 'up' && command !== 'prepare') {
    console.error(usage);
    process.exit(2);
  }
  const env = readDbEnv();
  const database = await openDatabase(env);
  const reference = await prepareDatabase(database.url);
  console.log(
    `[db] ${database.embedded ? `embedded PostgreSQL, data in ${env.dataDir}` : 'external PostgreSQL'}; ` +
      `reference geography ${reference.loaded ? 'loaded' : 'up to date'} (${reference.communes} communes, ${reference.territories} territories)`,
  );
  if (command === 'prepare') {
    const urls = await provisionServiceRoles(database.url, env.roles);
    console.log('[db] each service connects with its own role; start each with its DATABASE_URL:');
    for (const [service, url] of Object.entries(urls)) console.log(`  ${service.padEnd(14)} DATABASE_URL=${url}`);
    await database.stop();
    return;
  }
  console.log(`[db] DATABASE_URL=${database.url}`);
  stopOnSignals(database.stop);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
