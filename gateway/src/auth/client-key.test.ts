import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientKey, trustProxies } from './routes.js';

const request = (peer: string, forwarded?: string): IncomingMessage => {
  const socket = { remoteAddress: peer };
  return { socket, connection: socket, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } } as unknown as IncomingMessage;
};

/** The login limit counts the real client: X-Forwarded-For is believed only from trusted proxies. */
describe('clientKey', () => {
  const loopback = trustProxies(['loopback']);

  it('is the peer when nothing is forwarded', () => {
    expect(clientKey(request('203.0.113.7'), loopback)).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from an untrusted peer, whatever it says', () => {
    expect(clientKey(request('203.0.113.7', '198.51.100.1'), loopback)).toBe('203.0.113.7');
    expect(clientKey(request('127.0.0.1', '198.51.100.1'), trustProxies(['10.0.0.0/8']))).toBe('127.0.0.1');
  });

  it('takes the right-most address that is not a trusted proxy: a left-most entry written by the client does not count', () => {
    expect(clientKey(request('127.0.0.1', '198.51.100.1'), loopback)).toBe('198.51.100.1');
    expect(clientKey(request('127.0.0.1', '6.6.6.6, 198.51.100.1'), loopback)).toBe('198.51.100.1');
    expect(clientKey(request('::1', 'anything, 198.51.100.1'), loopback)).toBe('198.51.100.1');
    expect(clientKey(request('::ffff:127.0.0.1', '198.51.100.1'), loopback)).toBe('198.51.100.1');
  });

  it('walks through a chain of trusted proxies', () => {
    const chain = trustProxies(['loopback', '10.0.0.0/8']);
    expect(clientKey(request('127.0.0.1', '6.6.6.6, 198.51.100.1, 10.1.2.3'), chain)).toBe('198.51.100.1');
    // With only loopback trusted, the load balancer at 10.1.2.3 is the client.
    expect(clientKey(request('127.0.0.1', '6.6.6.6, 198.51.100.1, 10.1.2.3'), loopback)).toBe('10.1.2.3');
  });
});
