// Dashboard blueprints written for kestra-lite (same packaging rule as flows.ts).

import type { BlueprintDef } from '../model.ts';

export const DASHBOARD_BLUEPRINTS: BlueprintDef[] = [
  {
    id: 'executions-overview',
    title: 'Executions overview',
    description: 'Executions per day by state over the last week, and a table of the latest failed executions.',
    tags: ['monitoring'],
    publishedAt: '2025-01-16T09:00:00Z',
    source: `title: Executions overview
description: What ran this week, and what failed.
timeWindow:
  default: P7D
  max: P30D

charts:
  - id: executions-per-day
    type: io.kestra.plugin.core.dashboard.chart.TimeSeries
    chartOptions:
      displayName: Executions per day
      legend:
        enabled: true
      column: date
    data:
      type: io.kestra.plugin.core.dashboard.data.Executions
      columns:
        date:
          field: START_DATE
          displayName: Date
        state:
          field: STATE
        total:
          displayName: Executions
          agg: COUNT

  - id: latest-failures
    type: io.kestra.plugin.core.dashboard.chart.Table
    chartOptions:
      displayName: Latest failed executions
    data:
      type: io.kestra.plugin.core.dashboard.data.Executions
      columns:
        id:
          field: ID
        namespace:
          field: NAMESPACE
        flowId:
          field: FLOW_ID
        startDate:
          field: START_DATE
      where:
        - field: STATE
          type: EQUAL_TO
          value: FAILED
      orderBy:
        - column: startDate
          order: DESC
`,
  },
];
