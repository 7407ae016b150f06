import { DEMO_PASSWORD, demoUsers, stopOnSignals } from '@passerelles/db';
import { readSystemEnv } from './env.js';
import { startSystem } from './start-system.js';

/** `npm start`: the whole system on one machine, until Ctrl-C. */
async function main(): Promise<void> {
  const env = readSystemEnv();
  const system = await startSystem({ ...env, withDashboard: true });
  let stopping = false;
  stopOnSignals(system.stop, () => {
    stopping = true;
    console.log('\nStopping Passerelles…');
  });
  for (const service of system.services) {
    void service.exited.then((code) => {
      if (stopping) return;
      console.error(`[${service.name}] stopped unexpectedly (exit code ${code ?? 'signal'}); stopping everything.`);
      process.kill(process.pid, 'SIGTERM');
    });
  }
  console.log(`
Passerelles is running.
  Dashboard        ${system.urls.dashboard}
  GraphQL gateway  ${system.urls.gateway}

Demo accounts (password: ${DEMO_PASSWORD})
${demoUsers.map((u) => `  ${u.email.padEnd(40)} ${u.role.padEnd(10)} Département ${u.departmentCode}`).join('\n')}

Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
