/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// What the API serves about pods beyond the objects: their metrics
// (metrics.k8s.io) and their logs, made up to look like a FastAPI service's.

import { createHash } from 'node:crypto';
import { POD_STATE_ANNOTATION } from '../controllers/pods';
import { KubeObject } from '../store';
import { StatusError } from './errors';

function hashNumber(text: string, modulo: number) {
  return createHash('sha256').update(text).digest().readUInt32BE(0) % modulo;
}

/** A PodMetrics object with stable made-up usage for each running container. */
export function podMetrics(pod: KubeObject) {
  const running = (pod.status?.containerStatuses ?? []).filter(
    (c: any) => c.state?.running,
  );
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      labels: pod.metadata.labels ?? {},
    },
    timestamp: new Date(Date.now() - 15000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    window: '15.029s',
    containers: running.map((c: any) => ({
      name: c.name,
      usage: {
        cpu: `${
          1000000 + hashNumber(`${pod.metadata.uid}/${c.name}/cpu`, 20000000)
        }n`,
        memory: `${
          60000 + hashNumber(`${pod.metadata.uid}/${c.name}/mem`, 60000)
        }Ki`,
      },
    })),
  };
}

/** A pod's log as `GET .../pods/{name}/log` answers it (`container`, `previous`, `tailLines`, `timestamps`). */
export function podLogs(pod: KubeObject, query: URLSearchParams): string {
  const containers: any[] = pod.spec?.containers ?? [];
  let containerName = query.get('container');
  if (!containerName) {
    if (containers.length !== 1) {
      throw new StatusError(
        400,
        'BadRequest',
        `a container name must be specified for pod ${
          pod.metadata.name
        }, choose one of: [${containers.map(c => c.name).join(' ')}]`,
      );
    }
    containerName = containers[0].name;
  }
  const container = containers.find(c => c.name === containerName);
  const status = (pod.status?.containerStatuses ?? []).find(
    (c: any) => c.name === containerName,
  );
  if (!container || !status) {
    throw new StatusError(
      400,
      'BadRequest',
      `container ${containerName} is not valid for pod ${pod.metadata.name}`,
    );
  }
  const previous = query.has('previous') && query.get('previous') !== 'false';
  const state = pod.metadata.annotations?.[POD_STATE_ANNOTATION];
  if (status.state?.waiting && state === 'image-pull-error') {
    throw new StatusError(
      400,
      'BadRequest',
      `container "${containerName}" in pod "${pod.metadata.name}" is waiting to start: trying and failing to pull image`,
    );
  }
  if (previous && !status.lastState?.terminated) {
    throw new StatusError(
      400,
      'BadRequest',
      `previous terminated container "${containerName}" in pod "${pod.metadata.name}" not found`,
    );
  }
  const port = container.ports?.[0]?.containerPort ?? 8000;
  const start = Date.parse(
    status.state?.running?.startedAt ??
      status.lastState?.terminated?.startedAt ??
      pod.metadata.creationTimestamp ??
      new Date().toISOString(),
  );
  const lines: Array<[number, string]> = [];
  const at = (offsetMs: number, text: string) =>
    lines.push([start + offsetMs, text]);
  at(0, 'INFO:     Started server process [1]');
  at(1, 'INFO:     Waiting for application startup.');
  if (state === 'crash-loop') {
    at(120, 'Traceback (most recent call last):');
    at(121, '  File "/app/app/main.py", line 12, in lifespan');
    at(122, '    settings = Settings()');
    at(
      123,
      'pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings',
    );
    at(
      124,
      'database_url\n  Field required [type=missing, input_value={}, input_type=dict]',
    );
    at(125, 'ERROR:    Application startup failed. Exiting.');
  } else if (!previous) {
    at(80, 'INFO:     Application startup complete.');
    at(
      81,
      `INFO:     Uvicorn running on http://0.0.0.0:${port} (Press CTRL+C to quit)`,
    );
    const elapsed = Math.max(0, Math.min(Date.now() - start, 3600_000));
    const probes = Math.min(40, Math.floor(elapsed / 10000) + 3);
    const kubelet = pod.status?.hostIP ?? '10.0.1.23';
    for (let i = 0; i < probes; i++) {
      at(
        2000 + i * 10000,
        `INFO:     ${kubelet}:${
          41000 + ((i * 7919) % 20000)
        } - "GET /healthz HTTP/1.1" 200 OK`,
      );
    }
  }
  let selected = lines;
  const tail = query.get('tailLines');
  if (tail !== null && /^\d+$/.test(tail)) {
    selected = lines.slice(Math.max(0, lines.length - Number(tail)));
  }
  const timestamps = query.get('timestamps') === 'true';
  return selected
    .map(([t, text]) =>
      timestamps
        ? `${new Date(t).toISOString().replace('Z', '000000Z')} ${text}`
        : text,
    )
    .map(l => `${l}\n`)
    .join('');
}
