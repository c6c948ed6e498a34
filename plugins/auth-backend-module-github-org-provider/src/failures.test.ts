/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { explainRefreshFailure, explainSignInFailure } from './failures';

// The inputs are the messages Backstage's passport helper produces for the
// GitHub strategy (PassportHelpers.executeFrameHandlerStrategy).
describe('explainSignInFailure', () => {
  it('says the sign-in was cancelled when consent was denied', () => {
    const e = explainSignInFailure(
      new Error(
        'Authentication rejected, The user has denied your application access.',
      ),
    );
    expect(e.name).toBe('NotAllowedError');
    expect(e.message).toMatch(/^Sign-in was cancelled on GitHub/);
  });

  it('names the failed code exchange and what GitHub said', () => {
    const e = explainSignInFailure(
      new Error(
        'Authentication failed, Failed to obtain access token - Server Error',
      ),
    );
    expect(e.name).toBe('AuthenticationError');
    expect(e.message).toMatch(
      /exchanging the one-time sign-in code for a token failed \(GitHub said: Server Error\)/,
    );
  });

  it('asks to wait when GitHub applies a (secondary) rate limit', () => {
    const e = explainSignInFailure(
      new Error(
        'Authentication failed, Failed to fetch user profile - You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      ),
    );
    expect(e.name).toBe('ServiceUnavailableError');
    expect(e.message).toMatch(
      /GitHub is limiting requests right now \(rate limit\).*Wait a minute/,
    );
  });

  it('tells a refused token apart from GitHub being down', () => {
    expect(
      explainSignInFailure(
        new Error(
          'Authentication failed, Failed to fetch user profile - Bad credentials',
        ),
      ).message,
    ).toMatch(
      /GitHub refused the token it had just issued \(GitHub said: Bad credentials\)/,
    );
    const down = explainSignInFailure(
      new Error(
        'Authentication failed, Failed to fetch user profile - Server Error',
      ),
    );
    expect(down.name).toBe('ServiceUnavailableError');
    expect(down.message).toMatch(/GitHub may be having problems/);
  });

  it('passes other errors (e.g. the org refusal) through unchanged', () => {
    const refusal = Object.assign(new Error('not a member'), {
      name: 'NotAllowedError',
    });
    expect(explainSignInFailure(refusal)).toBe(refusal);
  });
});

describe('explainRefreshFailure', () => {
  it('says a revoked or expired GitHub token needs a new sign-in', () => {
    const e = explainRefreshFailure(new Error('Invalid access token'));
    expect(e.name).toBe('AuthenticationError');
    expect(e.message).toMatch(
      /no longer valid \(it was revoked or has expired\)\. Sign in with GitHub again/,
    );
  });

  it('reports GitHub failures by status', () => {
    const e = explainRefreshFailure(
      Object.assign(new Error('Failed to fetch user profile'), {
        oauthError: { statusCode: 502 },
      }),
    );
    expect(e.name).toBe('ServiceUnavailableError');
    expect(e.message).toMatch(/GitHub answered 502/);
  });
});
