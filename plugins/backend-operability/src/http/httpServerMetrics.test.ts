/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { metrics } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import express from 'express';
import request from 'supertest';
import { TestMetricReader } from '../__testUtils__/capture';
import { httpServerMetrics, PLUGIN_ID_LOCAL } from './httpServerMetrics';

const reader = new TestMetricReader();
beforeAll(() => {
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
});
afterAll(() => metrics.disable());

describe('httpServerMetrics', () => {
  it('records request durations by method, status and a bounded route', async () => {
    const app = express();
    app.use(httpServerMetrics());
    // What the httpRouter service does for each plugin.
    app.use('/api/catalog', (_req, res, next) => {
      res.locals[PLUGIN_ID_LOCAL] = 'catalog';
      next();
    });
    app.get('/api/catalog/entities', (_req, res) => {
      res.json([]);
    });
    app.get('/.backstage/health/v1/readiness', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.use((_req, res) => {
      res.status(404).end();
    });

    await request(app).get('/api/catalog/entities');
    await request(app).get('/api/catalog/entities');
    await request(app).get('/api/catalog/nothing-here');
    await request(app).get('/.backstage/health/v1/readiness');
    for (let i = 0; i < 5; i++) {
      await request(app).get(`/api/random-${i}/x`);
    }

    const points = await reader.points('http.server.request.duration');
    const byKey = Object.fromEntries(
      points.map(p => [
        `${p.attributes['http.request.method']} ${p.attributes['http.route']} ${p.attributes['http.response.status_code']}`,
        p.value.count,
      ]),
    );
    expect(byKey).toEqual({
      'GET /api/catalog 200': 2,
      'GET /api/catalog 404': 1,
      'GET /.backstage/health 200': 1,
      'GET other 404': 5,
    });
    expect(points[0].value.sum).toBeGreaterThan(0);
  });
});
