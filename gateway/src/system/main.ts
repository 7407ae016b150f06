import { readSystemEnv } from './env.js';
import { startSystem } from './start-system.js';

/** `npm start`: the whole system on one machine, until Ctrl-C. */
async function main(): Promise<void> {
  const env = readSystemEnv();
  const system = await startSystem({ ...env, withDashboard: true });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Passerelles…');
    system.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const service of system.services) {
    void service.exited.then((code) => {
      if (!stopping) {
        console.error(`[${service.name}] stopped unexpectedly (exit code ${code ?? 'signal'}); stopping everything.`);
        stop();
      }
    });
  }
  console.log(`
Passerelles is running.
  Dashboard        ${system.urls.dashboard}
  GraphQL gateway  ${system.urls.gateway}
  Demo identity    administrator of Département ${env.demoDepartment} (no login yet; set DEMO_DEPARTMENT=25 for the Doubs)
Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
