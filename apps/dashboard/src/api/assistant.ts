/** Store creation from a description: whether the operator configured a model, and its proposal of a store. */
import {
  assistantPlanResponseSchema,
  assistantStatusSchema,
  type AssistantPlanRequest,
  type AssistantStatus,
} from '@store-platform/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';

import { api, ApiError } from './client.js';
import { queryKeys } from './query-keys.js';

/** What an API without the assistant (older, or one that does not let this user use it) is taken to say. */
const off: AssistantStatus = { enabled: false, model: null };

/**
 * GET /assistant: whether a store can be created from a description, and the model that proposes it. A 404 (a
 * provisioner from before the assistant) or a 403 (not allowed) is "off", so that the path is simply not offered.
 */
export function useAssistant() {
  return useQuery({
    queryKey: queryKeys.assistant(),
    queryFn: async (): Promise<AssistantStatus> => {
      try {
        return await api('GET', '/assistant', assistantStatusSchema);
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return off;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/**
 * POST /assistant/plan: a store proposed from a description (up to ~30 s, the model's time). It creates nothing;
 * the proposal, once a person has reviewed it, is sent with useCreateStore.
 */
export function useProposeStore() {
  return useMutation({
    mutationFn: (request: AssistantPlanRequest) =>
      api('POST', '/assistant/plan', assistantPlanResponseSchema, { body: request }),
  });
}
