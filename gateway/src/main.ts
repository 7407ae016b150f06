import { stopOnSignals } from '@passerelles/db';
import { readGatewayEnv, type GatewayEnv } from './env.js';
import { serveGateway } from './gateway.js';

let env: GatewayEnv;
try {
  env = readGatewayEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const running = await serveGateway(env);
console.log(`[gateway] listening on ${running.url}`);
stopOnSignals(running.close);
