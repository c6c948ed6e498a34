/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import {
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  EntityRelationWarning,
  EntitySwitch,
  hasCatalogProcessingErrors,
  hasRelationWarnings,
  isOrphan,
} from '@backstage/plugin-catalog';
import type { EntityContentLayoutProps } from '@backstage/plugin-catalog-react/alpha';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(3) },
  warnings: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    '&:empty': { display: 'none' },
  },
  // "Is my service OK?": About, Argo CD, CI and Kubernetes side by side,
  // two or three to a row depending on the width.
  status: {
    display: 'grid',
    gap: theme.spacing(3),
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 26rem), 1fr))',
    alignItems: 'stretch',
    '& > *': { minWidth: 0, display: 'flex', flexDirection: 'column' },
    '& > * > *': { flexGrow: 1 },
    // The About card lays its fields out in three equal columns whatever
    // its width, so a value such as "experimental" was cut mid-word
    // ("experimenta l"). Columns at least as wide as a field's value:
    '& .bui-Grid': {
      gridTemplateColumns: 'repeat(auto-fill, minmax(9rem, 1fr)) !important',
    },
    '& .bui-GridItem': { gridColumn: '1 / -1 !important' },
  },
  content: { display: 'flex', flexDirection: 'column', gap: theme.spacing(3) },
}));

/**
 * The overview of a service (`entity-content-layout:catalog/service-overview`):
 * the catalog's warnings, then the status cards (`type: info`: About, Argo
 * CD, CI, Kubernetes) in one row at the top, then everything else (`type:
 * content`) below, full width. Which cards appear, and in what order, is
 * app-config.yaml's: relation tables are filtered to entities that have such
 * relations.
 */
export function ServiceOverviewLayout({ cards }: EntityContentLayoutProps) {
  const classes = useStyles();
  const status = cards.filter(card => card.type === 'info');
  const rest = cards.filter(card => card.type !== 'info');
  return (
    <div className={classes.root}>
      <div className={classes.warnings}>
        <EntitySwitch>
          <EntitySwitch.Case if={isOrphan}>
            <EntityOrphanWarning />
          </EntitySwitch.Case>
        </EntitySwitch>
        <EntitySwitch>
          <EntitySwitch.Case if={hasRelationWarnings}>
            <EntityRelationWarning />
          </EntitySwitch.Case>
        </EntitySwitch>
        <EntitySwitch>
          <EntitySwitch.Case if={hasCatalogProcessingErrors}>
            <EntityProcessingErrorsPanel />
          </EntitySwitch.Case>
        </EntitySwitch>
      </div>
      <section
        aria-label="Service status"
        className={classes.status}
        data-testid="service-status"
      >
        {status.map((card, i) => (
          <div key={card.element.key ?? i}>{card.element}</div>
        ))}
      </section>
      {rest.length > 0 && (
        <section className={classes.content} data-testid="service-details">
          {rest.map((card, i) => (
            <Fragment key={card.element.key ?? i}>{card.element}</Fragment>
          ))}
        </section>
      )}
    </div>
  );
}
