import { test, expect, request, APIRequestContext } from '@playwright/test';
import * as fs from 'fs';

/*
 * The same tenant-isolation matrix as `chaos bench isolation`, written with Playwright's API request context:
 * for every endpoint, every caller and every owner, the caller's token on the owner's resource; denied (401/403)
 * across tenants, 2xx for the caller's own resources. Same order, same requests in flight, same warm-up, so that
 * the requests/s compare. The gateway, tokens and matrix come from the 0600 file `chaos bench isolation
 * --serve-only` wrote (CHAOS_TOKENS_FILE); tokens are never printed.
 */

type Endpoint = { method: string; path: string; body?: string };
type Served = { gatewayUrl: string; tenants: Record<string, string>; endpoints: Endpoint[]; concurrency: number };
type Call = { caller: string; owner: string; endpoint: Endpoint };

const DENIED = new Set([401, 403]);

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    throw new Error(`${name}: required (set by bench/isolation-vs-wrk-playwright.sh)`);
  }
  return value;
}

function positiveInt(name: string, fallback: string): number {
  const value = Number(env(name, fallback));
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name}: '${process.env[name]}' must be a whole number >= 0`);
  }
  return value;
}

function matrix(tenants: string[], endpoints: Endpoint[]): Call[] {
  const calls: Call[] = [];
  for (const endpoint of endpoints) {
    for (const caller of tenants) {
      for (const owner of tenants) {
        calls.push({ caller, owner, endpoint });
      }
    }
  }
  return calls;
}

/** Runs the calls with at most `concurrency` in flight; returns the problems found (never tokens). */
async function run(ctx: APIRequestContext, served: Served, calls: Call[], concurrency: number): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  async function worker() {
    while (next < calls.length) {
      const call = calls[next++];
      const path = call.endpoint.path.replace('{tenant}', call.owner);
      const headers: Record<string, string> = { Authorization: `Bearer ${served.tenants[call.caller]}` };
      if (call.endpoint.body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      const response = await ctx.fetch(path, {
        method: call.endpoint.method,
        headers,
        data: call.endpoint.body,
        maxRedirects: 0,
        timeout: 10_000,
        failOnStatusCode: false,
      });
      const status = response.status();
      await response.dispose();
      const control = call.caller === call.owner;
      const ok = control ? status >= 200 && status < 300 : DENIED.has(status);
      if (!ok) {
        problems.push(`${call.caller}->${call.owner} ${call.endpoint.method} ${path}: ${status}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, worker));
  return problems;
}

test('isolation matrix with the request context', async () => {
  const served: Served = JSON.parse(fs.readFileSync(env('CHAOS_TOKENS_FILE'), 'utf8'));
  const names = Object.keys(served.tenants).slice(0, positiveInt('CHAOS_TENANTS', String(Object.keys(served.tenants).length)));
  const endpoints = served.endpoints.slice(0, positiveInt('CHAOS_ENDPOINTS', String(served.endpoints.length)));
  const concurrency = positiveInt('CHAOS_CONCURRENCY', String(served.concurrency));
  const warmup = Math.min(positiveInt('CHAOS_WARMUP_TENANTS', '10'), names.length);
  expect(names.length, 'tenants in the tokens file').toBeGreaterThanOrEqual(2);
  expect(concurrency, 'CHAOS_CONCURRENCY').toBeGreaterThanOrEqual(1);

  const ctx = await request.newContext({ baseURL: served.gatewayUrl });
  try {
    if (warmup >= 2) {
      // untimed, like chaos bench isolation's warm-up: connection set-up and JIT are not what is compared
      expect(await run(ctx, served, matrix(names.slice(0, warmup), endpoints), concurrency)).toEqual([]);
    }
    const calls = matrix(names, endpoints);
    const started = process.hrtime.bigint();
    const problems = await run(ctx, served, calls, concurrency);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const result = {
      calls: calls.length,
      seconds,
      rps: calls.length / seconds,
      concurrency,
      problems: problems.length,
    };
    console.log(`playwright isolation: ${result.calls} calls in ${seconds.toFixed(2)} s = ${result.rps.toFixed(0)} req/s, `
      + `${concurrency} in flight, ${problems.length} problem(s)`);
    if (process.env.CHAOS_RESULT_FILE) {
      fs.writeFileSync(process.env.CHAOS_RESULT_FILE, JSON.stringify(result));
    }
    expect(problems.slice(0, 20)).toEqual([]);
  } finally {
    await ctx.dispose();
  }
});
