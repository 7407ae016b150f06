import { describe, expect, it } from 'vitest';
import { readGatewayEnv } from './env.js';

const minimal = {
  DATABASE_URL: 'postgres://gateway@127.0.0.1:5432/passerelles',
  GATEWAY_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\\nnot checked here\\n-----END PRIVATE KEY-----',
};

describe('TRUSTED_PROXIES', () => {
  it('trusts loopback by default: the dashboard on the same host forwards the browser’s address', () => {
    expect(readGatewayEnv(minimal).trustedProxies).toEqual(['loopback']);
  });

  it('takes addresses, CIDR ranges and proxy-addr’s names, comma-separated', () => {
    expect(readGatewayEnv({ ...minimal, TRUSTED_PROXIES: 'loopback, 10.0.0.0/8 ,192.0.2.10,fd00::/8' }).trustedProxies).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.10',
      'fd00::/8',
    ]);
  });

  it('trusts no proxy when empty: every peer is the client', () => {
    expect(readGatewayEnv({ ...minimal, TRUSTED_PROXIES: '' }).trustedProxies).toEqual([]);
  });

  it('stops at start with a message naming the variable', () => {
    expect(() => readGatewayEnv({ ...minimal, TRUSTED_PROXIES: 'loopback, the-dashboard' })).toThrow(/TRUSTED_PROXIES: must list IP addresses/);
    expect(() => readGatewayEnv({ ...minimal, TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
  });
});
