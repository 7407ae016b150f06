import { DEMO_PASSWORD, demoUsers, stopOnSignals } from '@passerelles/db';
import { readSystemEnv } from './env.js';
import { schedulePublication } from './publication-schedule.js';
import { startSystem } from './start-system.js';

/** `npm start`: the whole system on one machine, until Ctrl-C. */
async function main(): Promise<void> {
  const env = readSystemEnv();
  const system = await startSystem({ ...env, withDashboard: true });
  // The figures callers without exact counts read (ADR 0023): computed now in the background, then every PUBLICATION_INTERVAL_HOURS.
  const publication = env.publicationIntervalHours ? schedulePublication(system.databaseUrls.beneficiaries, env.publicationIntervalHours, (line) => console.log(line)) : null;
  const stop = async (): Promise<void> => {
    publication?.stop();
    await system.stop();
  };
  stopOnSignals(stop, () => {
    console.log('\nStopping Passerelles…');
  });
  // A service that dies is started again by its supervisor (see processes.ts), and so is the
  // embedded PostgreSQL: one failing part never takes the rest down.
  console.log(`
Passerelles is running.
  Dashboard        ${system.urls.dashboard}
  GraphQL gateway  ${system.urls.gateway}

Demo accounts (password: ${DEMO_PASSWORD})
${demoUsers.map((u) => `  ${u.email.padEnd(40)} ${u.role.padEnd(10)} Département ${u.departmentCode}`).join('\n')}

${publication ? `The statistical secrecy job is computing each Département's publication in the background (seconds for the demo, whose Départements start at the third grid; until « [publication] 62 as of … » says it is done, steering accounts read « pas encore publiés »).
` : ''}Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
