// Namespace files: the Files API over the store the namespace.* tasks share (a ZIP upload may
// expand to four times the body limit). Its services also tell the namespaces feature which
// namespaces hold files.

import { defineFeature } from '../shared/feature.ts';
import type { FlowServices } from '../flows/feature.ts';
import { createFilesService, type FilesService } from './service.ts';
import { filesRoutes } from './routes.ts';

export interface FilesServices {
  files: FilesService;
  /** namespaces of a tenant holding at least one file or explicitly created folder, sorted */
  namespacesInUse(tenant: string): string[];
}

export const filesFeature = defineFeature({
  name: 'files',
  create(ctx, deps: { flows: FlowServices }) {
    const files = createFilesService({ blobs: ctx.blobs, clock: ctx.clock, flows: deps.flows.flows, maxZipBytes: ctx.config.maxBodyBytes * 4 });
    const services: FilesServices = { files, namespacesInUse: files.namespacesInUse };
    return { services, routes: [filesRoutes({ files })] };
  },
});
