import { createServer } from 'node:net';
import type { SystemEnv } from '@passerelles/gateway/system';

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Free ports for every service of the system. */
export async function freeSystemPorts(): Promise<SystemEnv['ports']> {
  return {
    dashboard: await freePort(),
    gateway: await freePort(),
    beneficiaries: await freePort(),
    partners: await freePort(),
    contracts: await freePort(),
    funding: await freePort(),
  };
}
