/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
// The last state the notifier acted on, per catalog entity, so a restart or
// another replica does not send the same notification again.
exports.up = async function up(knex) {
  await knex.schema.createTable('argocd_notification_state', table => {
    table.comment(
      'Last Argo CD state the team was told about, per catalog entity (argocd/app-name)',
    );
    table.string('entity_ref').primary().notNullable();
    table.string('instance').notNullable();
    table.string('app_name').notNullable();
    table.string('health').nullable().comment('last observed health status');
    table
      .boolean('degraded')
      .notNullable()
      .defaultTo(false)
      .comment(
        'the team was told it is Degraded, and it has not been Healthy since',
      );
    table
      .string('failed_operation')
      .nullable()
      .comment('the last failed sync operation the team was told about');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('argocd_notification_state');
};
