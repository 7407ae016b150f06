import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_URL, parseGatewayUrl } from './env';

describe('parseGatewayUrl', () => {
  it('defaults to the local gateway', () => {
    expect(parseGatewayUrl(undefined)).toBe(DEFAULT_GATEWAY_URL);
    expect(parseGatewayUrl('  ')).toBe(DEFAULT_GATEWAY_URL);
  });

  it('accepts http and https URLs', () => {
    expect(parseGatewayUrl('http://127.0.0.1:4000/graphql')).toBe('http://127.0.0.1:4000/graphql');
    expect(parseGatewayUrl(' https://gateway.example.fr/graphql ')).toBe('https://gateway.example.fr/graphql');
  });

  it('rejects anything else with a message naming the variable', () => {
    expect(() => parseGatewayUrl('localhost:4000')).toThrow(/GATEWAY_URL must use http or https/);
    expect(() => parseGatewayUrl('ftp://example.fr/graphql')).toThrow(/GATEWAY_URL must use http or https/);
    expect(() => parseGatewayUrl('/graphql')).toThrow(/GATEWAY_URL must be an absolute http\(s\) URL/);
  });
});
