/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Router } from '@internal/stand-in-http';
import { notFound, validationFailed } from './errors';
import { api } from './http';
import type { RestContext } from './context';

/** OAuth token revocation: `DELETE /applications/{client_id}/token` and `/grant`, basic auth client_id:client_secret. */
export function addApplicationRoutes(router: Router, ctx: RestContext) {
  const { world } = ctx;

  router.delete(
    api('/applications/(?<clientId>[^/]+)/(?<what>token|grant)'),
    async req => {
      const app = world.oauthApp(req.params.clientId);
      const basic = /^basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
      const decoded = basic
        ? Buffer.from(basic[1], 'base64').toString('utf8')
        : '';
      if (!app || decoded !== `${app.clientId}:${app.clientSecret}`) {
        throw notFound();
      }
      const body = await req.json();
      const token =
        typeof body.access_token === 'string' ? body.access_token : '';
      const rec = world.findToken(token);
      if (!rec || rec.clientId !== app.clientId || rec.revoked) {
        throw validationFailed('Validation Failed', [
          { resource: 'OauthAccess', code: 'invalid', field: 'access_token' },
        ]);
      }
      if (req.params.what === 'grant') {
        for (const t of world.state.data.tokens) {
          if (t.clientId === app.clientId && t.login === rec.login)
            t.revoked = true;
        }
        world.state.save();
      } else {
        world.revokeToken(token);
      }
      req.res.writeHead(204);
      req.res.end();
    },
  );
}
