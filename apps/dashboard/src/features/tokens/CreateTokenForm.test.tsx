// @vitest-environment jsdom
import type { Role } from '@store-platform/contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { CreateTokenForm } from './CreateTokenForm.js';
import { tokenRequest, tokenRoles } from './token-options.js';

afterEach(cleanup);

function renderForm(role: Role, error?: string) {
  const onSubmit = vi.fn();
  render(<CreateTokenForm role={role} submitting={false} error={error} onSubmit={onSubmit} />);
  const options = () => [...(screen.getByLabelText('Role') as HTMLSelectElement).options].map((o) => o.value);
  return { onSubmit, options };
}

describe('token options', () => {
  it('offers your role and the narrower ones, widest first', () => {
    expect(tokenRoles('admin')).toEqual(['admin', 'operator', 'viewer']);
    expect(tokenRoles('operator')).toEqual(['operator', 'viewer']);
    expect(tokenRoles('viewer')).toEqual(['viewer']);
  });

  it('asks for a role only when narrower and a lifetime only when chosen', () => {
    expect(tokenRequest('operator', { name: ' ci ', role: 'operator', lifetime: '' })).toEqual({
      name: 'ci',
    });
    expect(tokenRequest('operator', { name: 'ci', role: 'viewer', lifetime: '30' })).toEqual({
      name: 'ci',
      role: 'viewer',
      expiresInDays: 30,
    });
  });
});

describe('CreateTokenForm', () => {
  it('never offers a role above yours', () => {
    expect(renderForm('viewer').options()).toEqual(['viewer']);
    cleanup();
    expect(renderForm('operator').options()).toEqual(['operator', 'viewer']);
  });

  it('needs a name, then sends the chosen role and lifetime', () => {
    const { onSubmit } = renderForm('admin');
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Give the token a name.');
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: 'deploy' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'operator' } });
    fireEvent.change(screen.getByLabelText('Lifetime'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(onSubmit).toHaveBeenCalledWith({ name: 'deploy', role: 'operator', expiresInDays: 7 });
  });

  it('shows the API’s refusal', () => {
    renderForm('operator', 'a token may live at most 30 days on this platform');
    expect(screen.getByRole('alert').textContent).toContain('at most 30 days');
  });
});
