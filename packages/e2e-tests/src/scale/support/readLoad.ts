/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** One request of the read load, as the client saw it. */
export interface LoadRequest {
  id: string;
  path: string;
  startedAt: number;
  endedAt: number;
  status: number;
  error?: string;
}

/**
 * `clients` loops, each fetching what the catalog page and an entity page
 * fetch, one request after the other, until `until()` says stop. Bounded:
 * at most `maxMs` and only against `baseUrl` (the test's own proxy).
 */
export async function runReadLoad(options: {
  baseUrl: string;
  token: string;
  clients: number;
  entityRefs: string[];
  until: () => boolean;
  maxMs: number;
}): Promise<LoadRequest[]> {
  const done: LoadRequest[] = [];
  const deadline = Date.now() + options.maxMs;
  const paths = (n: number) => {
    const ref = options.entityRefs[n % options.entityRefs.length];
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    return [
      // The catalog page's list (Components, 20 per page, by name).
      '/api/catalog/entities/by-query?filter=kind%3Dcomponent&limit=20&orderField=metadata.name%2Casc',
      // An entity page.
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    ];
  };
  let seq = 0;
  const client = async (c: number) => {
    for (let n = 0; !options.until() && Date.now() < deadline; n++) {
      for (const p of paths(c + n)) {
        seq += 1;
        const id = `load-${c}-${seq}`;
        const startedAt = Date.now();
        try {
          const res = await fetch(`${options.baseUrl}${p}`, {
            headers: {
              authorization: `Bearer ${options.token}`,
              'x-test-request-id': id,
            },
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
          done.push({
            id,
            path: p,
            startedAt,
            endedAt: Date.now(),
            status: res.status,
          });
        } catch (error) {
          done.push({
            id,
            path: p,
            startedAt,
            endedAt: Date.now(),
            status: 0,
            error: (error as Error).message,
          });
        }
      }
    }
  };
  await Promise.all(
    Array.from({ length: options.clients }, (_, c) => client(c)),
  );
  return done;
}
