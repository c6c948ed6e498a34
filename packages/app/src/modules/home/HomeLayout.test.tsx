/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { render, screen, within } from '@testing-library/react';
import type { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';
import { HomeLayout, placeWidgets } from './HomeLayout';

const widget = (name: string): HomePageWidgetData =>
  ({
    name,
    title: name,
    component: <div>{`${name} content`}</div>,
    node: { spec: { id: `home-page-widget:home/${name}` } },
  } as unknown as HomePageWidgetData);

const widgets = ['Search', 'GettingStarted', 'Starred', 'Toolkit'].map(widget);

describe('placeWidgets', () => {
  it('places configured widgets on the 12-column grid in reading order', () => {
    const placed = placeWidgets(widgets, [
      { component: 'Toolkit', column: 7, row: 7, width: 5, height: 5 },
      { component: 'Search', column: 0, row: 0, width: 12, height: 2 },
      { component: 'GettingStarted', column: 0, row: 2, width: 7, height: 10 },
      { component: 'Starred', column: 7, row: 2, width: 5, height: 5 },
    ]);
    expect(
      placed.map(p => [
        p.widget.name,
        p.column,
        p.columnSpan,
        p.row,
        p.rowSpan,
      ]),
    ).toEqual([
      ['Search', 1, 12, 1, 2],
      ['GettingStarted', 1, 7, 3, 10],
      ['Starred', 8, 5, 3, 5],
      ['Toolkit', 8, 5, 8, 5],
    ]);
  });

  it('leaves out widgets the config does not name and names it does not know', () => {
    const placed = placeWidgets(widgets, [
      { component: 'Starred', column: 0, row: 0, width: 6, height: 4 },
      { component: 'NoSuchWidget', column: 6, row: 0, width: 6, height: 4 },
    ]);
    expect(placed.map(p => p.widget.name)).toEqual(['Starred']);
  });

  it('keeps a widget inside the grid when the config overflows it', () => {
    const [p] = placeWidgets(widgets, [
      { component: 'Search', column: 9, row: -1, width: 8, height: 0 },
    ]);
    expect([p.column, p.columnSpan, p.row, p.rowSpan]).toEqual([10, 3, 1, 1]);
  });

  it('gives every widget a full row when there is no config', () => {
    const placed = placeWidgets(widgets.slice(0, 2), undefined);
    expect(
      placed.map(p => [p.widget.name, p.column, p.columnSpan, p.row]),
    ).toEqual([
      ['Search', 1, 12, 1],
      ['GettingStarted', 1, 12, 2],
    ]);
  });
});

describe('HomeLayout', () => {
  it('renders the configured widgets and nothing else', () => {
    render(
      <HomeLayout
        widgets={widgets}
        defaultConfig={[
          {
            component: 'GettingStarted',
            column: 0,
            row: 0,
            width: 7,
            height: 4,
          },
          { component: 'Toolkit', column: 7, row: 0, width: 5, height: 4 },
        ]}
      />,
    );
    const grid = screen.getByTestId('home-grid');
    expect(
      within(grid).getByText('GettingStarted content'),
    ).toBeInTheDocument();
    expect(within(grid).getByText('Toolkit content')).toBeInTheDocument();
    expect(within(grid).queryByText('Search content')).toBeNull();
    expect(
      within(grid).getByText('Toolkit content').parentElement!.style.gridColumn,
    ).toBe('8 / span 5');
  });
});
