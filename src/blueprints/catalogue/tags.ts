// Blueprint tags: `{id, name, publishedAt}` as the blueprints API returns them.

import type { BlueprintTag } from '../model.ts';

export const BLUEPRINT_TAGS: BlueprintTag[] = [
  { id: 'getting-started', name: 'Getting Started', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'core', name: 'Core', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'scheduling', name: 'Scheduling', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'triggers', name: 'Triggers', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'api', name: 'API', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'orchestration', name: 'Orchestration', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'state', name: 'State', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'testing', name: 'Testing', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'fixtures', name: 'Fixtures', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'error-handling', name: 'Error Handling', publishedAt: '2025-01-06T08:00:00Z' },
  { id: 'monitoring', name: 'Monitoring', publishedAt: '2025-01-06T08:00:00Z' },
];
