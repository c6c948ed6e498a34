/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers';

export interface VariableRecord {
  name: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

/** A secret as GitHub keeps it: only the sealed value, never the plain one. */
export interface SecretRecord {
  name: string;
  /** Base64 of the libsodium sealed box the client sent. */
  encryptedValue: string;
  keyId: string;
  createdAt: string;
  updatedAt: string;
}

interface RepoSettings {
  /** The repository's X25519 key pair (base64); GitHub shows the public half. */
  keyId: string;
  publicKey: string;
  privateKey: string;
  variables: VariableRecord[];
  secrets: SecretRecord[];
}

interface SettingsData {
  version: 1;
  nextKeyId: number;
  /** By repository id. */
  repos: Record<string, RepoSettings>;
}

const B64 = () => sodium.base64_variants.ORIGINAL;

/**
 * `actions-settings.json` in the stand-in's data directory: Actions
 * variables and secrets of each repository, and each repository's key pair
 * for sealed secrets. Writes are atomic. Call `await sodium.ready` (done by
 * `ActionsSettingsStore.open`) before use.
 */
export class ActionsSettingsStore {
  readonly file: string;
  private readonly data: SettingsData;

  private constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'actions-settings.json');
    this.data = existsSync(this.file)
      ? (JSON.parse(readFileSync(this.file, 'utf8')) as SettingsData)
      : { version: 1, nextKeyId: 568250167242549743, repos: {} };
  }

  static async open(dataDir: string) {
    await sodium.ready;
    return new ActionsSettingsStore(dataDir);
  }

  private repo(repoId: number): RepoSettings {
    const key = String(repoId);
    if (!this.data.repos[key]) {
      const pair = sodium.crypto_box_keypair();
      this.data.nextKeyId += 1;
      this.data.repos[key] = {
        keyId: String(this.data.nextKeyId),
        publicKey: sodium.to_base64(pair.publicKey, B64()),
        privateKey: sodium.to_base64(pair.privateKey, B64()),
        variables: [],
        secrets: [],
      };
      this.save();
    }
    return this.data.repos[key];
  }

  publicKey(repoId: number) {
    const r = this.repo(repoId);
    return { keyId: r.keyId, key: r.publicKey };
  }

  variables(repoId: number): VariableRecord[] {
    return [...(this.data.repos[String(repoId)]?.variables ?? [])].sort(
      (a, b) => a.name.localeCompare(b.name),
    );
  }

  variable(repoId: number, name: string) {
    return this.variables(repoId).find(
      v => v.name.toUpperCase() === name.toUpperCase(),
    );
  }

  /** Creates the variable; false when one with that name exists. */
  createVariable(repoId: number, name: string, value: string, now: string) {
    if (this.variable(repoId, name)) return false;
    this.repo(repoId).variables.push({
      name: name.toUpperCase(),
      value,
      createdAt: now,
      updatedAt: now,
    });
    this.save();
    return true;
  }

  /** Updates the variable; false when there is none with that name. */
  updateVariable(repoId: number, name: string, value: string, now: string) {
    const v = this.repo(repoId).variables.find(
      x => x.name.toUpperCase() === name.toUpperCase(),
    );
    if (!v) return false;
    v.value = value;
    v.updatedAt = now;
    this.save();
    return true;
  }

  deleteVariable(repoId: number, name: string) {
    const r = this.repo(repoId);
    const before = r.variables.length;
    r.variables = r.variables.filter(
      x => x.name.toUpperCase() !== name.toUpperCase(),
    );
    this.save();
    return r.variables.length !== before;
  }

  secrets(repoId: number): SecretRecord[] {
    return [...(this.data.repos[String(repoId)]?.secrets ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  /**
   * Stores a sealed secret after checking it opens with the repository's
   * key, as GitHub does; 'invalid' when it does not.
   */
  putSecret(
    repoId: number,
    name: string,
    encryptedValue: string,
    keyId: string,
    now: string,
  ): 'created' | 'updated' | 'invalid' {
    const r = this.repo(repoId);
    if (keyId !== r.keyId) return 'invalid';
    try {
      sodium.crypto_box_seal_open(
        sodium.from_base64(encryptedValue, B64()),
        sodium.from_base64(r.publicKey, B64()),
        sodium.from_base64(r.privateKey, B64()),
      );
    } catch {
      return 'invalid';
    }
    const existing = r.secrets.find(
      s => s.name.toUpperCase() === name.toUpperCase(),
    );
    if (existing) {
      Object.assign(existing, { encryptedValue, keyId, updatedAt: now });
    } else {
      r.secrets.push({
        name: name.toUpperCase(),
        encryptedValue,
        keyId,
        createdAt: now,
        updatedAt: now,
      });
    }
    this.save();
    return existing ? 'updated' : 'created';
  }

  deleteSecret(repoId: number, name: string) {
    const r = this.repo(repoId);
    const before = r.secrets.length;
    r.secrets = r.secrets.filter(
      s => s.name.toUpperCase() !== name.toUpperCase(),
    );
    this.save();
    return r.secrets.length !== before;
  }

  private save() {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(tmp, this.file);
  }
}

/**
 * Opens a secret the stand-in holds, from its data file: for tests that
 * check what a client sealed (GitHub never shows a secret's value).
 */
export async function openStoredSecret(
  file: string,
  repoId: number,
  name: string,
): Promise<string | undefined> {
  await sodium.ready;
  const data = JSON.parse(readFileSync(file, 'utf8')) as SettingsData;
  const r = data.repos[String(repoId)];
  const s = r?.secrets.find(x => x.name === name.toUpperCase());
  if (!r || !s) return undefined;
  return sodium.to_string(
    sodium.crypto_box_seal_open(
      sodium.from_base64(s.encryptedValue, B64()),
      sodium.from_base64(r.publicKey, B64()),
      sodium.from_base64(r.privateKey, B64()),
    ),
  );
}
