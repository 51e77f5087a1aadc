import {
  assistantPlanRequestSchema,
  assistantPlanResponseSchema,
  assistantStatusSchema,
  errorSchema,
} from '@store-platform/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { AssistantService } from '../services/assistant-service.js';
import { principalOf } from './authorize.js';
import { requestBudget } from './limits.js';
import { errors } from './stores.js';

/**
 * Store creation from a description: GET /assistant, whether it is on (the dashboard hides it when not); POST
 * /assistant/plan, a proposed store for a person to edit and then send to POST /stores. Proposing needs the role
 * that creates stores, and has its own budget per user: each call costs the operator a model request.
 */
export function assistantRoutes(assistant: AssistantService, options: { plansPerHour: number }) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const budget = requestBudget(app, {
      max: options.plansPerHour,
      per: 'hour',
      keyOf: (request) => `assistant|${principalOf(request).username}`,
      refusal: 'too many store proposals asked for',
    });
    api.get('/assistant', { schema: { response: { 200: assistantStatusSchema } } }, async () =>
      assistant.status(),
    );
    api.post(
      '/assistant/plan',
      {
        config: { role: 'operator' },
        onRequest: budget,
        schema: {
          body: assistantPlanRequestSchema,
          response: { 200: assistantPlanResponseSchema, ...errors, 502: errorSchema, 503: errorSchema },
        },
      },
      async (request) => assistant.plan(request.body.prompt),
    );
  };
}
