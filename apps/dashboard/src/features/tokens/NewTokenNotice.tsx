import type { NewToken } from '@store-platform/contracts';
import { useRef, useState } from 'react';

import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { exactTime } from '../../ui/time.js';

/**
 * The new token's secret, shown this once (the platform keeps only its hash), with a copy button. Browsers
 * refuse the clipboard to some pages (plain HTTP on a remote host); then the field is selected for Ctrl+C.
 */
export function NewTokenNotice({ token, onDone }: { token: NewToken; onDone: () => void }) {
  const [copied, setCopied] = useState<string>();
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('Copied to the clipboard.');
    } catch {
      field.current?.select();
      setCopied('This browser does not let the page copy: the token is selected, press Ctrl+C (⌘C).');
    }
  };
  return (
    <section className="card notice" aria-labelledby="new-token-title">
      <h2 id="new-token-title">Token “{token.name}” created</h2>
      <p>
        Copy it now: it is shown only once. It acts as you with the <strong>{token.role}</strong> role until{' '}
        {exactTime(token.expiresAt)}, or until you revoke it.
      </p>
      <div className="row">
        <Field label="Your new token">
          <input
            ref={field}
            readOnly
            value={token.token}
            spellCheck={false}
            onFocus={(e) => e.target.select()}
          />
        </Field>
        <Button variant="primary" onClick={() => void copy()}>
          Copy
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
      <p role="status">{copied}</p>
    </section>
  );
}
