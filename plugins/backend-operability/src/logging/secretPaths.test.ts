/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import type { JsonObject } from '@backstage/types';
import {
  findSecrets,
  mergeSecretPaths,
  secretPathsOfSchema,
} from './secretPaths';

// What Backstage's own secret enumerator finds in `data` with these schemas:
// the same `process` call as createConfigSecretEnumerator.
async function upstreamSecrets(schemas: JsonObject[], data: JsonObject) {
  const schema = await loadConfigSchema({
    serialized: {
      backstageConfigSchemaVersion: 1,
      schemas: schemas.map((value, i) => ({ path: `schema-${i}`, value })),
    },
  });
  const [secretsData] = schema.process(
    [{ data: new ConfigReader(data).get(), context: 'test' }],
    { visibility: ['secret'], ignoreSchemaErrors: true },
  );
  const secrets = new Set<string>();
  JSON.parse(
    JSON.stringify(secretsData.data),
    (_, v) => typeof v === 'string' && secrets.add(v),
  );
  return [...secrets].sort();
}

function ours(schemas: JsonObject[], data: JsonObject) {
  const tree = schemas
    .map(s => secretPathsOfSchema(s))
    .reduce(mergeSecretPaths, undefined);
  return [...findSecrets(data, tree)].sort();
}

const secretString = { type: 'string', visibility: 'secret' };

describe('secret paths read from config schemas', () => {
  it.each<[string, JsonObject[], JsonObject, string[]]>([
    [
      'named properties, nested',
      [
        {
          type: 'object',
          properties: {
            auth: {
              type: 'object',
              properties: {
                clientId: { type: 'string' },
                clientSecret: secretString,
              },
            },
          },
        },
      ],
      { auth: { clientId: 'id', clientSecret: 'shh', other: 'x' } },
      ['shh'],
    ],
    [
      'additionalProperties, but not for the keys the schema names',
      [
        {
          type: 'object',
          properties: {
            headers: {
              type: 'object',
              properties: { Accept: { type: 'string' } },
              additionalProperties: secretString,
            },
          },
        },
      ],
      { headers: { Accept: 'json', Authorization: 'Bearer t' } },
      ['Bearer t'],
    ],
    [
      'patternProperties',
      [
        {
          type: 'object',
          patternProperties: { '^token-': secretString },
        },
      ],
      { 'token-a': 'a1', tokenb: 'b1' },
      ['a1'],
    ],
    [
      'array items, by schema and by position',
      [
        {
          type: 'object',
          properties: {
            list: {
              type: 'array',
              items: {
                type: 'object',
                properties: { token: secretString, host: { type: 'string' } },
              },
            },
            pair: {
              type: 'array',
              items: [{ type: 'string' }, secretString],
            },
          },
        },
      ],
      {
        list: [
          { token: 't1', host: 'h1' },
          { token: 't2', host: 'h2' },
        ],
        pair: ['open', 'closed'],
      },
      ['closed', 't1', 't2'],
    ],
    [
      'an array of strings marked secret as a whole',
      [
        {
          type: 'object',
          properties: {
            keys: {
              type: 'array',
              items: { type: 'string' },
              visibility: 'secret',
            },
          },
        },
      ],
      { keys: ['k1', 'k2'] },
      ['k1', 'k2'],
    ],
    [
      'deepVisibility: everything beneath',
      [
        {
          type: 'object',
          properties: {
            vault: { type: 'object', deepVisibility: 'secret' },
          },
        },
      ],
      { vault: { a: 'v1', b: { c: ['v2', 3] } }, open: 'o' },
      ['v1', 'v2'],
    ],
    [
      'anyOf branches and local $ref',
      [
        {
          type: 'object',
          properties: {
            db: {
              anyOf: [{ type: 'string' }, { $ref: '#/definitions/Conn' }],
            },
          },
          definitions: {
            Conn: {
              type: 'object',
              properties: { password: secretString, user: { type: 'string' } },
            },
          },
        },
      ],
      { db: { password: 'pw', user: 'u' } },
      ['pw'],
    ],
    [
      'two packages adding to the same object',
      [
        {
          type: 'object',
          properties: {
            argocd: { type: 'object', properties: { token: secretString } },
          },
        },
        {
          type: 'object',
          properties: {
            argocd: {
              type: 'object',
              properties: { url: { type: 'string' }, password: secretString },
            },
          },
        },
      ],
      { argocd: { token: 't', url: 'u', password: 'p' } },
      ['p', 't'],
    ],
    [
      'numbers and booleans are never redaction strings',
      [
        {
          type: 'object',
          properties: {
            port: { type: 'number', visibility: 'secret' },
            pin: secretString,
          },
        },
      ],
      { port: 5432, pin: '1234' },
      ['1234'],
    ],
  ])('finds what Backstage finds: %s', async (_, schemas, data, expected) => {
    expect(ours(schemas, data)).toEqual(expected);
    await expect(upstreamSecrets(schemas, data)).resolves.toEqual(expected);
  });

  it('follows a recursive $ref that cannot hold a secret', () => {
    const schema = {
      type: 'object',
      properties: {
        meta: { $ref: '#/definitions/Json' },
        key: secretString,
      },
      definitions: {
        Json: {
          anyOf: [
            { type: 'string' },
            {
              type: 'object',
              additionalProperties: { $ref: '#/definitions/Json' },
            },
          ],
        },
      },
    };
    expect([
      ...findSecrets(
        { meta: { a: { b: 'x' } }, key: 'k' },
        secretPathsOfSchema(schema),
      ),
    ]).toEqual(['k']);
  });

  it('refuses what it cannot describe, so no secret is missed', () => {
    expect(() =>
      secretPathsOfSchema(
        {
          type: 'object',
          properties: { node: { $ref: '#/definitions/Node' } },
          definitions: {
            Node: {
              type: 'object',
              properties: {
                token: secretString,
                next: { $ref: '#/definitions/Node' },
              },
            },
          },
        },
        'plugins/tree/config.d.ts',
      ),
    ).toThrow(
      'plugins/tree/config.d.ts: recursive $ref #/definitions/Node at #/definitions/Node/properties/next holds a secret',
    );
    expect(() =>
      secretPathsOfSchema({
        type: 'object',
        dependentSchemas: { a: { properties: { b: secretString } } },
      }),
    ).toThrow(
      "schema: keyword 'dependentSchemas' at # holds a secret and is not understood",
    );
    expect(() =>
      secretPathsOfSchema({ $ref: 'https://example.com/schema.json' }),
    ).toThrow('schema: $ref https://example.com/schema.json at # is not local');
  });

  it('is undefined for a schema without secrets', () => {
    expect(
      secretPathsOfSchema({
        type: 'object',
        properties: { title: { type: 'string', visibility: 'frontend' } },
      }),
    ).toBeUndefined();
  });
});
