import type { ServerResponse } from 'node:http';

/**
 * The HTTP status of a GraphQL answer that never reached execution. With `application/json`,
 * GraphQL over HTTP answers 200 even when a request is refused before it runs (parse error,
 * validation, limits, untrusted document). Passerelles answers those with a 4xx, so that clients,
 * proxies and monitoring see a refusal for what it is; answers that ran keep 200 (with partial
 * data and errors). Returns null to keep the status as is.
 */
export function requestFailureStatus(body: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || 'data' in parsed) return null;
  const errors = (parsed as { errors?: { extensions?: { code?: unknown } }[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const codes = errors.map((e) => e.extensions?.code);
  if (codes.includes('UNAUTHENTICATED')) return 401;
  if (codes.includes('FORBIDDEN')) return 403;
  if (codes.includes('PERSISTED_QUERY_NOT_FOUND')) return 404;
  return 400;
}

/** Buffers a GraphQL JSON answer so that its status can follow `requestFailureStatus`. */
export function withRequestFailureStatus(res: ServerResponse): ServerResponse {
  const chunks: Buffer[] = [];
  let status = 200;
  let headers: Record<string, string | number | string[]> = {};
  const originalEnd = res.end.bind(res);
  const originalWriteHead = res.writeHead.bind(res);
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const last = rest.at(-1);
    if (last && typeof last === 'object' && !Array.isArray(last)) headers = { ...headers, ...(last as Record<string, string>) };
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const body = Buffer.concat(chunks);
    const contentType = String(res.getHeader('content-type') ?? headers['content-type'] ?? headers['Content-Type'] ?? '');
    const rewritten = status === 200 && contentType.includes('json') ? requestFailureStatus(body.toString('utf8')) : null;
    originalWriteHead(rewritten ?? status, headers as Record<string, string>);
    const callback = [chunk, ...rest].find((r) => typeof r === 'function') as (() => void) | undefined;
    return originalEnd(body, callback);
  }) as typeof res.end;
  return res;
}
