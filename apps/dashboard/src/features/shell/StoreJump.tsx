import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';

import { useStores } from '../../api/queries.js';
import { JumpToStore } from '../../ui/JumpToStore.js';
import { useShortcuts } from '../../ui/use-shortcuts.js';

/** Ctrl/Cmd-K opens the jump-to-store box over any page, with the stores the list query holds. */
export function StoreJump() {
  const stores = useStores();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  useShortcuts({ onJump: useCallback(() => setOpen(true), []) });
  return (
    <JumpToStore
      open={open}
      onOpenChange={setOpen}
      stores={stores.data ?? []}
      onChoose={(name) => void navigate(`/stores/${encodeURIComponent(name)}`)}
    />
  );
}
