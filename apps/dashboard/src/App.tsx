import type { Me } from '@store-platform/contracts';
import { NavLink, Navigate, Route, Routes } from 'react-router';

import { useMe, useSignOut } from './api/queries.js';
import { useStoreStream } from './api/stream.js';
import { AccountPage } from './features/account/AccountPage.js';
import { ActivityPage } from './features/activity/ActivityPage.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { DeletedStoresPage } from './features/stores/DeletedStoresPage.js';
import { CreateStorePage } from './features/stores/CreateStorePage.js';
import { EditStorePage } from './features/stores/EditStorePage.js';
import { HistoryPage } from './features/stores/HistoryPage.js';
import { StoreDetailsPage } from './features/stores/StoreDetailsPage.js';
import { StoreListPage } from './features/stores/StoreListPage.js';
import { useStoreAnnouncements } from './features/stores/store-announcements.js';
import { MyTokensPage } from './features/tokens/MyTokensPage.js';
import { UsersPage } from './features/users/UsersPage.js';
import { ConnectionStatus } from './features/shell/ConnectionStatus.js';
import { StoreJump } from './features/shell/StoreJump.js';
import { useFailingStoresInTitle } from './features/shell/use-failing-title.js';
import { Button } from './ui/Button.js';
import { QueryError } from './ui/ErrorState.js';
import { useFocusOnNavigate } from './ui/use-focus-on-navigate.js';
import { usePageTitle } from './ui/use-page-title.js';
import { ToastRegion } from './ui/Toasts.js';

/** Signed out: the sign-in page. Signed in: the pages the user's role allows. */
export function App() {
  const me = useMe();
  useStoreStream(Boolean(me.data));
  // Signed in stays signed in while the platform is away (a failed refetch keeps the data): the banner says so.
  if (me.data) return <SignedIn me={me.data} />;
  if (me.isPending) return <p role="status">Loading…</p>;
  if (me.error) {
    return (
      <main className="app-main">
        <QueryError what="The dashboard" query={me} />
      </main>
    );
  }
  return <SignInPage />;
}

function SignedIn({ me }: { me: Me }) {
  const signOut = useSignOut();
  const canOperate = me.role !== 'viewer';
  const isAdmin = me.role === 'admin';
  useFocusOnNavigate();
  useFailingStoresInTitle();
  useStoreAnnouncements();
  return (
    <>
      <ConnectionStatus />
      <StoreJump />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <nav aria-label="Main">
          <NavLink to="/" end>
            Stores
          </NavLink>
          <NavLink to="/activity">Activity</NavLink>
          <NavLink to="/tokens">My tokens</NavLink>
          {isAdmin && <NavLink to="/users">Users</NavLink>}
          <NavLink to="/account">My account</NavLink>
        </nav>
        <span>
          Signed in as <strong>{me.username}</strong> ({me.role}){' '}
          <Button onClick={() => signOut.mutate()}>Sign out</Button>
        </span>
      </header>
      <main id="main" className="app-main">
        <Routes>
          <Route path="/" element={<StoreListPage canCreate={canOperate} />} />
          <Route
            path="/stores/new"
            element={canOperate ? <CreateStorePage /> : <Navigate to="/" replace />}
          />
          <Route path="/stores/:name" element={<StoreDetailsPage role={me.role} />} />
          <Route
            path="/stores/:name/edit"
            element={canOperate ? <EditStorePage /> : <Navigate to=".." relative="path" replace />}
          />
          <Route path="/stores/:name/history" element={<HistoryPage role={me.role} />} />
          <Route path="/deleted" element={<DeletedStoresPage canRestore={canOperate} />} />
          <Route path="/activity" element={<ActivityPage />} />
          <Route path="/tokens" element={<MyTokensPage role={me.role} />} />
          <Route
            path="/users"
            element={isAdmin ? <UsersPage me={me.username} /> : <Navigate to="/" replace />}
          />
          <Route path="/account" element={<AccountPage me={me} />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <ToastRegion />
    </>
  );
}

/** An address that names no page: it says so, in its title too. */
function NotFound() {
  usePageTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        This page does not exist. <NavLink to="/">Go to the stores</NavLink>
      </p>
    </>
  );
}
