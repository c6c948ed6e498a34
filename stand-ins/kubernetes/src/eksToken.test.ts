/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ConfigReader } from '@backstage/config';
import { AwsIamStrategy } from '@backstage/plugin-kubernetes-backend';
import { verifyEksToken } from './eksToken';
import { createKubernetesStandIn, KubernetesStandIn } from './standIn';
import { tempDir, removeTempDirs } from './testing';

// Tokens made by the portal's own Kubernetes backend (authProvider: aws),
// with credentials from the AWS default chain (here: the environment).
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const eks = { clusterName: 'launchpad', region: 'ap-northeast-2', credentials };

async function portalToken(
  clusterName: string,
  secretAccessKey = credentials.secretAccessKey,
  accessKeyId = credentials.accessKeyId,
) {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_REGION: eks.region,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  delete process.env.AWS_PROFILE;
  try {
    const strategy = new AwsIamStrategy({ config: new ConfigReader({}) });
    const credential = await strategy.getCredential({
      name: clusterName,
      url: 'https://example.invalid',
      authMetadata: { 'kubernetes.io/x-k8s-aws-id': clusterName },
    });
    if (credential.type !== 'bearer token') throw new Error('no token');
    return credential.token;
  } finally {
    process.env = saved;
  }
}

afterAll(() => removeTempDirs());

describe('verifyEksToken', () => {
  it('accepts what the Kubernetes backend signs for this cluster', async () => {
    const token = await portalToken('launchpad');
    expect(token).toMatch(/^k8s-aws-v1\./);
    expect(await verifyEksToken(token, eks)).toBeUndefined();
  });

  it.each([
    [
      'another cluster',
      () => portalToken('other-cluster'),
      /signature does not match/,
    ],
    [
      'a wrong secret key',
      () => portalToken('launchpad', 'not-the-secret'),
      /signature does not match/,
    ],
    [
      'an unknown access key',
      () =>
        portalToken(
          'launchpad',
          credentials.secretAccessKey,
          'AKIAUNKNOWN000000000',
        ),
      /unknown access key/,
    ],
    [
      'a static token',
      async () => 'sandbox-kubernetes-token',
      /not an EKS token/,
    ],
    [
      'garbage',
      async () => 'k8s-aws-v1.%%%',
      /not signed for|not a presigned URL/,
    ],
  ])('refuses a token for %s', async (_what, make, reason) => {
    expect(await verifyEksToken(await make(), eks)).toMatch(reason);
  });

  it('refuses a token after its 15 minutes', async () => {
    const token = await portalToken('launchpad');
    const later = new Date(Date.now() + 16 * 60 * 1000);
    expect(await verifyEksToken(token, eks, later)).toBe(
      'the token has expired',
    );
  });
});

describe('the stand-in with EKS authentication', () => {
  let standIn: KubernetesStandIn;
  const lines: string[] = [];
  beforeAll(async () => {
    standIn = await createKubernetesStandIn({
      port: 0,
      token: 'static-token',
      dataDir: tempDir(),
      eks,
      log: line => lines.push(line),
    });
  });
  afterAll(() => standIn.stop());

  const get = (path: string, token: string) =>
    fetch(`${standIn.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('answers API calls made with the portal identity’s EKS token', async () => {
    const res = await get(
      '/api/v1/namespaces/default/pods',
      await portalToken('launchpad'),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).kind).toBe('PodList');
  });

  it('answers 401 Unauthorized, as EKS does, to a token of other credentials', async () => {
    const token = await portalToken('launchpad', 'rotated-secret');
    const res = await get('/api/v1/namespaces/default/pods', token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      kind: 'Status',
      code: 401,
      reason: 'Unauthorized',
    });
    expect(lines.join('\n')).toContain(
      'EKS token refused: the signature does not match',
    );
    expect(lines.join('\n')).not.toContain(token);
  });

  it('keeps its own endpoints for the static token only', async () => {
    expect(
      (await get('/_standin/denied', await portalToken('launchpad'))).status,
    ).toBe(401);
    expect(
      (await get('/api/v1/namespaces/default/pods', 'static-token')).status,
    ).toBe(200);
  });
});
