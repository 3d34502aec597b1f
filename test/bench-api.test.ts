import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleFetchTarget, buildApiStore, latencyTargets, measureTarget, sampleApiStore, startServer } from '../src/bench/api.js';

describe('api bench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fivew-api-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drives fivew serve in its own process over a built store', async () => {
    const db = join(dir, 'api.db');
    await buildApiStore(db, 12);
    const sample = await sampleApiStore(db);
    expect(sample.articleIds).toHaveLength(12);
    expect(sample.hotActor).toMatch(/^PERSON:/);
    expect(sample.rareActor).not.toBe(sample.hotActor);
    const server = await startServer(db);
    try {
      const fetches = await measureTarget(server, articleFetchTarget(sample), { connections: 2, seconds: 1 });
      expect(fetches.requests).toBeGreaterThan(0);
      expect(fetches.non2xx).toBe(0);
      for (const target of latencyTargets(sample)) {
        const res = await fetch(`${server.url}${target.path}`);
        expect(res.status, target.name).toBe(200);
      }
      if (process.platform === 'linux') expect(server.cpuSeconds()).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
