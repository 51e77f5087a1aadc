import type { ManifestChange, UpdatePreview } from '@store-platform/contracts';
import { useEffect, useRef } from 'react';

import { fieldTitle, shownValue } from './update-values.js';
import { TableScroll } from '../../ui/TableScroll.js';

const changeTitles: Record<ManifestChange['change'], string> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
};

type LineKind = 'add' | 'remove' | 'meta' | 'context';

/** A unified diff's line: `+`/`-` add and remove; file headers (`+++`, `---`) and hunks (`@@`) are meta. */
function lineKind(line: string): LineKind {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('@@')) return 'meta';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'remove';
  return 'context';
}

/** Lines of a unified diff; added ones in <ins>, removed ones in <del>, each keeping its + or - as text. */
function DiffLines({ diff }: { diff: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre className="diff">
      {lines.map((line, index) => {
        const kind = lineKind(line);
        const Line = kind === 'add' ? 'ins' : kind === 'remove' ? 'del' : 'span';
        return (
          <Line key={index} className={`diff-${kind}`}>
            {line || ' '}
          </Line>
        );
      })}
    </pre>
  );
}

/** How many lines a diff adds and removes, e.g. "+3 −1". */
function counts(diff: string): string {
  const kinds = diff.split('\n').map(lineKind);
  return `+${kinds.filter((k) => k === 'add').length} −${kinds.filter((k) => k === 'remove').length}`;
}

/**
 * What an update would change, before anything is applied: the values (field, from, to), each Kubernetes object
 * with its manifest's diff (folded; one click opens it), and the notes to read first. Its heading takes the focus
 * when a preview arrives, so that keyboard and screen-reader users land on it.
 */
export function PreviewDiff({ preview }: { preview: UpdatePreview }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [preview]);
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title" tabIndex={-1} ref={heading}>
        What would change
      </h2>
      {preview.values.length === 0 ? (
        <p>No value changes: the store already has these settings.</p>
      ) : (
        <TableScroll label="Values that change">
          <table aria-label="Values that change">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {preview.values.map((change) => (
                <tr key={change.field}>
                  <th scope="row">{fieldTitle(change.field)}</th>
                  <td>{shownValue(change.field, change.from)}</td>
                  <td>{shownValue(change.field, change.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h3>Kubernetes objects</h3>
      {preview.manifests.length === 0 ? (
        <p>No object of the store changes.</p>
      ) : (
        <>
          <p className="muted">
            Open an object to see its manifest&apos;s diff: lines starting with + are added, lines starting
            with - are removed.
          </p>
          {preview.manifests.map((manifest) => (
            <details key={`${manifest.kind}/${manifest.name}`} className="manifest">
              <summary>
                {changeTitles[manifest.change]}: {manifest.kind} {manifest.name}{' '}
                <span className="muted">({counts(manifest.diff)} lines)</span>
              </summary>
              <DiffLines diff={manifest.diff} />
            </details>
          ))}
        </>
      )}

      {preview.notes.length > 0 && (
        <>
          <h3>Before you apply</h3>
          <ul aria-label="Notes">
            {preview.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
