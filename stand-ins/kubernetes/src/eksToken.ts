/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * How the stand-in plays an Amazon EKS API server's authentication: clients
 * send `k8s-aws-v1.<base64url of a presigned STS GetCallerIdentity URL>`
 * whose signature covers the `x-k8s-aws-id` header (the cluster name). Real
 * EKS forwards the URL to STS; the stand-in, holding the only credentials it
 * trusts, checks the SigV4 signature itself.
 */
export interface EksAuthOptions {
  /** The cluster name tokens must be bound to (`x-k8s-aws-id`). */
  clusterName: string;
  /** The region whose STS endpoint the token is signed for. */
  region: string;
  /** The AWS credentials the stand-in recognises (an IAM identity with an access entry). */
  credentials: {
    accessKeyId: string;
    secretAccessKey: string;
  };
}

/** EKS accepts a token for 15 minutes after its signing time. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const PREFIX = 'k8s-aws-v1.';

/** Why a token was refused, or `undefined` when it is valid. */
export async function verifyEksToken(
  token: string,
  options: EksAuthOptions,
  now = new Date(),
): Promise<string | undefined> {
  if (!token.startsWith(PREFIX)) return 'not an EKS token';
  let url: URL;
  try {
    url = new URL(
      Buffer.from(token.slice(PREFIX.length), 'base64url').toString('utf8'),
    );
  } catch {
    return 'the token is not a presigned URL';
  }
  const q = url.searchParams;
  const expectedHost = `sts.${options.region}.amazonaws.com`;
  if (
    url.protocol !== 'https:' ||
    url.hostname !== expectedHost ||
    url.pathname !== '/'
  ) {
    return `the token is not signed for ${expectedHost}`;
  }
  if (
    q.get('Action') !== 'GetCallerIdentity' ||
    q.get('Version') !== '2011-06-15'
  ) {
    return 'the token is not an sts:GetCallerIdentity request';
  }
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return 'the token is not signed with AWS4-HMAC-SHA256';
  }
  const signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
  if (
    !signedHeaders.includes('x-k8s-aws-id') ||
    !signedHeaders.includes('host')
  ) {
    return 'the token does not sign the x-k8s-aws-id header';
  }
  const [accessKeyId, , region, service] = (
    q.get('X-Amz-Credential') ?? ''
  ).split('/');
  if (accessKeyId !== options.credentials.accessKeyId) {
    return 'the security token included in the request is invalid (unknown access key)';
  }
  if (region !== options.region || service !== 'sts') {
    return `the token's credential scope is not sts in ${options.region}`;
  }
  const amzDate = q.get('X-Amz-Date') ?? '';
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return 'the token has no valid X-Amz-Date';
  const signedAt = new Date(
    Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]),
  );
  if (now.getTime() - signedAt.getTime() > TOKEN_LIFETIME_MS) {
    return 'the token has expired';
  }
  if (signedAt.getTime() - now.getTime() > 5 * 60 * 1000) {
    return 'the token is signed in the future';
  }

  // Sign the same request for the expected cluster and compare.
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: 'sts',
    sha256: Sha256,
  });
  const query: Record<string, string> = {};
  for (const [key, value] of q) {
    if (!key.startsWith('X-Amz-') || key === 'X-Amz-Security-Token') {
      query[key] = value;
    }
  }
  const expected = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: expectedHost,
      path: '/',
      headers: { host: expectedHost, 'x-k8s-aws-id': options.clusterName },
      query,
    },
    {
      signingDate: signedAt,
      expiresIn: Number(q.get('X-Amz-Expires') ?? '0'),
    },
  );
  const a = Buffer.from(String(expected.query?.['X-Amz-Signature'] ?? ''));
  const b = Buffer.from(q.get('X-Amz-Signature') ?? '');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return `the signature does not match (wrong secret key, or a token for another cluster than ${options.clusterName})`;
  }
  return undefined;
}
