/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { ConfigReader } from '@backstage/config';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { captureLines } from '../__testUtils__/capture';
import { createRootLogger } from './rootLoggerServiceFactory';

function logger() {
  const out = captureLines();
  const log = createRootLogger({
    config: new ConfigReader({}),
    json: true,
    routeConsole: false,
    transports: [out.transport],
  });
  return { out, log };
}

describe('upstream false alarms', () => {
  const id = '3ea780af-f66e-4e98-a832-3e930970ffde';

  it("writes the scaffolder's heartbeat that raced a task's completion as a warning, with a note", () => {
    const { out, log } = logger();
    // As plugin-scaffolder-backend 4.2.0's TaskManager logs it.
    log
      .child({ plugin: 'scaffolder' })
      .error(
        `Heartbeat for task ${id} failed`,
        new ConflictError(`No running task with taskId ${id} found`),
      );
    const [line] = out.json();
    expect(line).toMatchObject({
      level: 'warn',
      plugin: 'scaffolder',
      name: 'ConflictError',
      note: expect.stringContaining("raced the task's completion"),
    });
    expect(line.message).toContain(`Heartbeat for task ${id} failed`);
  });

  it('leaves every other error an error: another plugin, another error, another message', () => {
    const { out, log } = logger();
    log
      .child({ plugin: 'catalog' })
      .error(
        `Heartbeat for task ${id} failed`,
        new ConflictError(`No running task with taskId ${id} found`),
      );
    log
      .child({ plugin: 'scaffolder' })
      .error(
        `Heartbeat for task ${id} failed`,
        new NotFoundError(`No running task with taskId ${id} found`),
      );
    log
      .child({ plugin: 'scaffolder' })
      .error(
        `Heartbeat for task ${id} failed`,
        new ConflictError('connection terminated unexpectedly'),
      );
    log.child({ plugin: 'scaffolder' }).error('Task failed: boom');
    expect(out.json().map(l => l.level)).toEqual([
      'error',
      'error',
      'error',
      'error',
    ]);
    expect(out.json().some(l => 'note' in l)).toBe(false);
  });
});
