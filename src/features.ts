// The feature registry: every feature of a runtime, in creation order. A feature may use the
// services of the features above it (the compiler checks this through `FeatureList`). A new
// API area is one folder exporting a Feature, plus one line here.

import type { FeatureList } from './shared/feature.ts';
import { pluginsFeature } from './plugins/feature.ts';
import { flowsFeature } from './flows/feature.ts';
import { filesFeature } from './files/feature.ts';
import { templatesFeature } from './templates/feature.ts';
import { blueprintsFeature } from './blueprints/feature.ts';
import { logsFeature } from './logs/feature.ts';
import { metricsFeature } from './metrics/feature.ts';
import { kvFeature } from './kv/feature.ts';
import { secretsFeature } from './secrets/feature.ts';
import { tasksFeature } from './tasks/feature.ts';
import { executionsFeature } from './executions/feature.ts';
import { controlFeature } from './executions/control/feature.ts';
import { testSuitesFeature } from './testsuites/feature.ts';
import { triggersFeature } from './triggers/feature.ts';
import { statsFeature } from './stats/feature.ts';
import { namespacesFeature } from './namespaces/feature.ts';
import { dashboardsFeature } from './dashboards/feature.ts';
import { instanceFeature } from './misc/feature.ts';
import { pebbleFeature } from './pebble/feature.ts';
import { mcpFeature } from './mcp/feature.ts';
import { concurrencyFeature } from './concurrency/feature.ts';
import { adminFeature } from './admin/feature.ts';

export const FEATURES = [
  pluginsFeature,
  flowsFeature,
  filesFeature,
  templatesFeature,
  blueprintsFeature,
  logsFeature,
  metricsFeature,
  kvFeature,
  secretsFeature,
  tasksFeature,
  executionsFeature,
  controlFeature,
  testSuitesFeature,
  triggersFeature,
  statsFeature,
  namespacesFeature,
  dashboardsFeature,
  instanceFeature,
  pebbleFeature,
  mcpFeature,
  concurrencyFeature,
  adminFeature,
] as const;

export type Features = typeof FEATURES;

// Fails to compile, naming the feature and what it lacks, when a feature is listed before one it needs.
const ORDER_CHECK: FeatureList<Features> = true;
void ORDER_CHECK;
