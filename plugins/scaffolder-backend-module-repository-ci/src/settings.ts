/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** What `launchpad.repositoryCi` says to set on a new repository. */
export interface RepositoryCiSettings {
  owners: string[];
  variables: Record<string, string>;
  secrets: Record<string, string>;
}

// GitHub's rule for Actions variable and secret names.
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function entries(config: Config | undefined, key: string, where: string) {
  const values: Record<string, string> = {};
  for (const name of config?.keys() ?? []) {
    if (!NAME.test(name) || /^GITHUB_/i.test(name)) {
      throw new InputError(
        `${where}.${key}.${name}: GitHub Actions ${key} names use letters, digits and _, do not start with a digit and do not start with GITHUB_`,
      );
    }
    const value = config!.getString(name);
    if (value.trim() === '') {
      throw new InputError(
        `${where}.${key}.${name} is empty: set it (e.g. from an environment variable) or remove it`,
      );
    }
    values[name] = value;
  }
  return values;
}

/**
 * Reads `launchpad.repositoryCi`, or undefined when it is not configured.
 * Bad names or empty values fail here, when the backend starts.
 */
export function readRepositoryCiSettings(
  config: Config,
): RepositoryCiSettings | undefined {
  const where = 'launchpad.repositoryCi';
  const section = config.getOptionalConfig(where);
  if (!section) return undefined;
  const settings = {
    owners: section.getStringArray('owners'),
    variables: entries(
      section.getOptionalConfig('variables'),
      'variables',
      where,
    ),
    secrets: entries(section.getOptionalConfig('secrets'), 'secrets', where),
  };
  const both = Object.keys(settings.variables).filter(
    name => name in settings.secrets,
  );
  if (both.length) {
    throw new InputError(
      `${where}: ${both.join(', ')} is both a variable and a secret; keep one`,
    );
  }
  return settings;
}
