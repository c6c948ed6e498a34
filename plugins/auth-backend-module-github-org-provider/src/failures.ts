/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  AuthenticationError,
  isError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** What GitHub said, from Backstage's "Authentication failed, <step> - <GitHub message>". */
function githubSaid(message: string): string | undefined {
  const i = message.indexOf(' - ');
  return i >= 0 ? message.slice(i + 3).trim() || undefined : undefined;
}

const SIGN_IN_AGAIN = 'Choose "Sign in" to try again.';

/**
 * Turns a failure of the GitHub sign-in callback (denied consent, a failed
 * code exchange, GitHub answering 401, 403 or 5xx while the profile is read)
 * into a message for the person signing in: what happened and what to do.
 * The messages never contain tokens or codes.
 */
export function explainSignInFailure(error: unknown): Error {
  const message = isError(error) ? error.message : String(error);
  const said = githubSaid(message);
  const detail = said ? ` (GitHub said: ${said})` : '';

  if (
    /^Authentication rejected/.test(message) ||
    /access_denied|denied/i.test(message)
  ) {
    return new NotAllowedError(
      `Sign-in was cancelled on GitHub, so you are not signed in to Launchpad. ${SIGN_IN_AGAIN} Then choose "Authorize" on GitHub.`,
    );
  }
  if (/Failed to obtain access token/.test(message)) {
    return new AuthenticationError(
      `GitHub did not complete the sign-in: exchanging the one-time sign-in code for a token failed${detail}. ${SIGN_IN_AGAIN} If it keeps failing, tell a platform engineer (GitHub may be unavailable, or the portal's OAuth app settings may be wrong).`,
    );
  }
  if (/Failed to fetch user profile/.test(message)) {
    if (/rate limit/i.test(said ?? '')) {
      return new ServiceUnavailableError(
        `GitHub is limiting requests right now (rate limit), so Launchpad could not read your GitHub profile. Wait a minute, then choose "Sign in" again.`,
      );
    }
    if (/bad credentials|requires authentication/i.test(said ?? '')) {
      return new AuthenticationError(
        `GitHub refused the token it had just issued${detail}, so Launchpad could not read your GitHub profile. ${SIGN_IN_AGAIN}`,
      );
    }
    return new ServiceUnavailableError(
      `GitHub did not answer properly while Launchpad read your GitHub profile${detail}. GitHub may be having problems; try again in a few minutes.`,
    );
  }
  if (/^Authentication failed/.test(message)) {
    return new AuthenticationError(
      `Sign-in with GitHub failed${
        detail || `: ${message.replace(/^Authentication failed,\s*/, '')}`
      }. ${SIGN_IN_AGAIN}`,
    );
  }
  return isError(error) ? error : new Error(message);
}

/**
 * Turns a failed session refresh (the stored GitHub token was revoked or has
 * expired, or GitHub is failing) into a message that says what to do.
 */
export function explainRefreshFailure(error: unknown): Error {
  const message = isError(error) ? error.message : String(error);
  const status = (error as { oauthError?: { statusCode?: number } })?.oauthError
    ?.statusCode;
  if (/Invalid access token/.test(message) || status === 401) {
    return new AuthenticationError(
      'Your GitHub authorization is no longer valid (it was revoked or has expired). Sign in with GitHub again.',
    );
  }
  if (status === 403 || (status !== undefined && status >= 500)) {
    return new ServiceUnavailableError(
      `GitHub answered ${status} while Launchpad checked your session; try again in a few minutes.`,
    );
  }
  return isError(error) ? error : new Error(message);
}

/** The message for a sign-in callback that does not belong to a sign-in started here. */
export const STATE_MISMATCH_MESSAGE =
  'The answer from GitHub does not belong to a sign-in started in this browser (OAuth state mismatch), so you are not signed in. Close this window and choose "Sign in" again.';
