import { useMe, useSignOut } from './api/queries.js';
import { useStoreStream } from './api/stream.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { CreateStore } from './features/stores/CreateStore.js';
import { StoreList } from './features/stores/StoreList.js';

/** Signed out: the sign-in page. Signed in: the stores. */
export function App() {
  const me = useMe();
  const signOut = useSignOut();
  useStoreStream(Boolean(me.data));
  if (me.isPending) return <p>Loading…</p>;
  if (me.error) return <p role="alert">The platform is not answering: {me.error.message}</p>;
  if (!me.data) return <SignInPage />;
  return (
    <div style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>Stores</h1>
        <span>
          {me.data.username} ({me.data.role}){' '}
          <button type="button" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </span>
      </header>
      {me.data.role !== 'viewer' && <CreateStore />}
      <StoreList />
    </div>
  );
}
