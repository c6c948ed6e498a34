/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Content } from '@backstage/core-components';
import type {
  HomePageDefaultConfigItem,
  HomePageLayoutProps,
  HomePageWidgetData,
} from '@backstage/plugin-home-react/alpha';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gap: theme.spacing(3),
    gridTemplateColumns: 'repeat(12, minmax(0, 1fr))',
    // One column on narrow screens, widgets in reading order.
    [theme.breakpoints.down('sm')]: {
      gridTemplateColumns: 'minmax(0, 1fr)',
      '& > *': { gridColumn: 'auto !important', gridRow: 'auto !important' },
    },
  },
}));

export interface PlacedWidget {
  widget: HomePageWidgetData;
  /** CSS grid placement on the 12-column grid (1-based lines). */
  column: number;
  columnSpan: number;
  row: number;
  rowSpan: number;
}

/**
 * Places the widgets where `page:home`'s `defaultConfig` (app-config.yaml)
 * says: column and width on a 12-column grid, rows in the config's units.
 * Widgets the config does not name are left out, as on Backstage's
 * customizable home page; without a config every widget gets a full row.
 * Sorted in reading order (row, then column), which is also the order on
 * narrow screens.
 */
export function placeWidgets(
  widgets: HomePageWidgetData[],
  config: HomePageDefaultConfigItem[] | undefined,
): PlacedWidget[] {
  if (!config || config.length === 0) {
    return widgets.map((widget, i) => ({
      widget,
      column: 1,
      columnSpan: 12,
      row: i + 1,
      rowSpan: 1,
    }));
  }
  const byName = new Map(widgets.map(w => [w.name, w]));
  return config
    .flatMap(item => {
      const widget = byName.get(item.component);
      if (!widget) return [];
      const column = Math.min(Math.max(item.column, 0), 11);
      return [
        {
          widget,
          column: column + 1,
          columnSpan: Math.max(1, Math.min(item.width, 12 - column)),
          row: Math.max(item.row, 0) + 1,
          rowSpan: Math.max(1, item.height),
        },
      ];
    })
    .sort((a, b) => a.row - b.row || a.column - b.column);
}

/**
 * Launchpad's home page layout: the configured widgets on a fixed grid.
 * Backstage's default layout is a drag-and-drop grid whose widget settings
 * dialog pulls react-jsonschema-form (about 57 kB of gzipped JavaScript)
 * into the first page after sign-in; this one only renders the cards.
 */
export function HomeLayout({ widgets, defaultConfig }: HomePageLayoutProps) {
  const classes = useStyles();
  return (
    <Content>
      <div className={classes.grid} data-testid="home-grid">
        {placeWidgets(widgets, defaultConfig).map(p => (
          <div
            key={p.widget.name ?? p.widget.node.spec.id}
            style={{
              gridColumn: `${p.column} / span ${p.columnSpan}`,
              gridRow: `${p.row} / span ${p.rowSpan}`,
              minWidth: 0,
            }}
          >
            {p.widget.component}
          </div>
        ))}
      </div>
    </Content>
  );
}
