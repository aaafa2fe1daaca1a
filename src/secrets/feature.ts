// Read-only secrets from `SECRET_*` variables and the optional secrets file, the `secret()`
// expression function's source, and the Secrets API.

import { defineFeature } from '../shared/feature.ts';
import { secretRoutes } from './routes.ts';
import { readSecretsFile } from './secrets-file.ts';
import { createSecretService, type SecretService } from './service.ts';

export interface SecretServices { secrets: SecretService }

export const secretsFeature = defineFeature({
  name: 'secrets',
  create(ctx) {
    // read once at start: a bad file stops start-up with a message naming file and line
    const file = ctx.config.secretsFile ? readSecretsFile(ctx.config.secretsFile) : undefined;
    const secrets = createSecretService({ env: ctx.env, file });
    const services: SecretServices = { secrets };
    return { services, routes: [secretRoutes({ secrets })] };
  },
});
