/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Request, Router, sendEmpty, sendJson } from '@internal/stand-in-http';
import { createRestContext } from '../rest/context';
import { ApiError, notFound, validationFailed } from '../rest/errors';
import { api, paginate, R } from '../rest/http';
import type { World } from '../world';
import { ActionsSettingsStore } from './settingsStore';

const VARIABLES_DOC =
  'https://docs.github.com/rest/actions/variables#create-a-repository-variable';
const SECRETS_DOC =
  'https://docs.github.com/rest/actions/secrets#create-or-update-a-repository-secret';

// GitHub's rule for Actions variable and secret names.
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkName(name: unknown, resource: string, doc: string): string {
  if (typeof name !== 'string' || !NAME.test(name) || /^GITHUB_/i.test(name)) {
    throw validationFailed(
      'Invalid name',
      [{ resource, code: 'invalid', field: 'name' }],
      doc,
    );
  }
  return name;
}

/**
 * GitHub Actions repository variables and secrets
 * (docs.github.com/rest/actions/variables and /rest/actions/secrets):
 * admin access, as on GitHub; secrets are accepted only sealed with the
 * repository's public key and are never answered with a value.
 */
export function addActionsSettingsRoutes(
  router: Router,
  world: World,
  store: ActionsSettingsStore,
  now: () => Date = () => new Date(),
) {
  const ctx = createRestContext(world);
  const adminRepo = (req: Request) =>
    ctx.adminRepo(req, ctx.requireCaller(req));
  const VARS = `${R}/actions/variables`;
  const SECRETS = `${R}/actions/secrets`;
  const NAMED = '/(?<name>[^/]+)';

  const variableJson = (v: {
    name: string;
    value: string;
    createdAt: string;
    updatedAt: string;
  }) => ({
    name: v.name,
    value: v.value,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
  });
  const secretJson = (s: {
    name: string;
    createdAt: string;
    updatedAt: string;
  }) => ({
    name: s.name,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  });

  router.get(api(VARS), req => {
    const r = adminRepo(req);
    const all = store.variables(r.id);
    const { page, headers } = paginate(req, all);
    sendJson(
      req.res,
      200,
      { total_count: all.length, variables: page.map(variableJson) },
      headers,
    );
  });

  router.post(api(VARS), async req => {
    const r = adminRepo(req);
    const body = await req.json();
    const name = checkName(body?.name, 'ActionsVariable', VARIABLES_DOC);
    if (typeof body.value !== 'string') {
      throw validationFailed(
        'Invalid request.\n\n"value" wasn\'t supplied.',
        [
          {
            resource: 'ActionsVariable',
            code: 'missing_field',
            field: 'value',
          },
        ],
        VARIABLES_DOC,
      );
    }
    if (!store.createVariable(r.id, name, body.value, now().toISOString())) {
      throw new ApiError(
        409,
        'Already exists - Variable already exists',
        {},
        VARIABLES_DOC,
      );
    }
    sendJson(req.res, 201, {});
  });

  router.get(api(`${VARS}${NAMED}`), req => {
    const r = adminRepo(req);
    const v = store.variable(r.id, req.params.name);
    if (!v) throw notFound();
    sendJson(req.res, 200, variableJson(v));
  });

  router.patch(api(`${VARS}${NAMED}`), async req => {
    const r = adminRepo(req);
    const body = await req.json();
    const existing = store.variable(r.id, req.params.name);
    if (!existing) throw notFound();
    const value = typeof body?.value === 'string' ? body.value : existing.value;
    store.updateVariable(r.id, req.params.name, value, now().toISOString());
    sendEmpty(req.res);
  });

  router.delete(api(`${VARS}${NAMED}`), req => {
    const r = adminRepo(req);
    if (!store.deleteVariable(r.id, req.params.name)) throw notFound();
    sendEmpty(req.res);
  });

  router.get(api(`${SECRETS}/public-key`), req => {
    const r = adminRepo(req);
    const key = store.publicKey(r.id);
    sendJson(req.res, 200, { key_id: key.keyId, key: key.key });
  });

  router.get(api(SECRETS), req => {
    const r = adminRepo(req);
    const all = store.secrets(r.id);
    const { page, headers } = paginate(req, all);
    sendJson(
      req.res,
      200,
      { total_count: all.length, secrets: page.map(secretJson) },
      headers,
    );
  });

  router.get(api(`${SECRETS}${NAMED}`), req => {
    const r = adminRepo(req);
    const s = store
      .secrets(r.id)
      .find(x => x.name === req.params.name.toUpperCase());
    if (!s) throw notFound();
    sendJson(req.res, 200, secretJson(s));
  });

  router.put(api(`${SECRETS}${NAMED}`), async req => {
    const r = adminRepo(req);
    const name = checkName(req.params.name, 'ActionsSecret', SECRETS_DOC);
    const body = await req.json();
    if (
      typeof body?.encrypted_value !== 'string' ||
      typeof body?.key_id !== 'string'
    ) {
      throw validationFailed(
        'Invalid request.\n\n"encrypted_value" and "key_id" are required.',
        [{ resource: 'ActionsSecret', code: 'missing_field' }],
        SECRETS_DOC,
      );
    }
    const result = store.putSecret(
      r.id,
      name,
      body.encrypted_value,
      body.key_id,
      now().toISOString(),
    );
    if (result === 'invalid') {
      throw validationFailed(
        'Bad request - encrypted_value must be sealed with the repository public key (key_id)',
        [
          {
            resource: 'ActionsSecret',
            code: 'invalid',
            field: 'encrypted_value',
          },
        ],
        SECRETS_DOC,
      );
    }
    if (result === 'created') sendJson(req.res, 201, {});
    else sendEmpty(req.res);
  });

  router.delete(api(`${SECRETS}${NAMED}`), req => {
    const r = adminRepo(req);
    if (!store.deleteSecret(r.id, req.params.name)) throw notFound();
    sendEmpty(req.res);
  });
}
