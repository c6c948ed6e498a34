/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { NotAllowedError, isError } from '@backstage/errors';
import {
  createSignInResolverFactory,
  OAuthAuthenticatorResult,
  SignInResolver,
} from '@backstage/plugin-auth-node';
import {
  githubSignInResolvers,
  GithubProfile,
} from '@backstage/plugin-auth-backend-module-github-provider';
import { z } from 'zod/v3';

type GithubResult = OAuthAuthenticatorResult<GithubProfile>;

/** Why a GitHub account could not sign in, phrased for the person signing in. */
export function refusalMessage(
  login: string | undefined,
  organization?: string,
) {
  const who = login ? `The GitHub account '${login}'` : 'This GitHub account';
  const org = organization
    ? `the ${organization} GitHub organization`
    : 'the company GitHub organization';
  return `${who} is not a member of ${org}, so it cannot sign in to Launchpad. Ask a platform engineer to invite you; after you accept, you can sign in once the portal has synced the organization's members.`;
}

/**
 * Backstage's `userIdMatchingUserEntityAnnotation` GitHub resolver (a catalog
 * User whose `github.com/user-id` annotation equals the GitHub `node_id`),
 * refusing accounts without such a User with a message that says why.
 * Users come from the organization's members, so "no User" means "not a
 * member". There is deliberately no option to sign in without a catalog User.
 */
export const userIdMatchingUserEntityAnnotation = createSignInResolverFactory({
  optionsSchema: z
    .object({
      /** The GitHub organization named in the refusal message. */
      organization: z.string().optional(),
    })
    .strict()
    .optional(),
  create(options = {}): SignInResolver<GithubResult> {
    const inner = githubSignInResolvers.userIdMatchingUserEntityAnnotation();
    return async (info, ctx) => {
      try {
        return await inner(info, ctx);
      } catch (error) {
        if (isError(error) && error.name === 'NotFoundError') {
          throw new NotAllowedError(
            refusalMessage(
              info.result.fullProfile.username,
              options.organization,
            ),
          );
        }
        throw error;
      }
    };
  },
});
