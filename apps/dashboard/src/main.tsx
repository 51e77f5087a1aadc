// First, before any schema is made: the page's Content-Security-Policy refuses eval, which zod would probe for.
import '@store-platform/contracts/no-eval';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';

import { ApiError } from './api/client.js';
import { queryKeys } from './api/query-keys.js';
import { App } from './App.js';
import './ui/theme.css';
import './ui/dark.css';

// A session that ended (expired, signed out elsewhere) shows the sign-in page instead of failing each request.
const signedOut = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(queryKeys.session(), null);
};
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signedOut }),
  mutationCache: new MutationCache({ onError: signedOut }),
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
