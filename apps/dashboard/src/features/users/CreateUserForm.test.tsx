// @vitest-environment jsdom
import { roleDescriptions } from '@store-platform/contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { CreateUserForm, newUserProblems } from './CreateUserForm.js';

afterEach(cleanup);

describe('CreateUserForm', () => {
  it('checks the name and password as the API will', () => {
    expect(newUserProblems({ username: 'Vera', password: 'short', role: 'viewer' })).toEqual({
      username: '3 to 60 lower-case letters, digits, dots, dashes or underscores.',
      password: 'At least 12 characters.',
    });
    expect(newUserProblems({ username: 'vera', password: 'long-enough-pw', role: 'viewer' })).toEqual({});
  });

  it('creates the user with the chosen role once the fields are right', () => {
    const onSubmit = vi.fn();
    render(<CreateUserForm submitting={false} onSubmit={onSubmit} />);
    const create = () => fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    const roles = [...(screen.getByLabelText("New user's role") as HTMLSelectElement).options];
    expect(roles.map((o) => o.text)).toEqual([
      `viewer: ${roleDescriptions.viewer}`,
      `operator: ${roleDescriptions.operator}`,
      `admin: ${roleDescriptions.admin}`,
    ]);
    create();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText("New user's name"), { target: { value: 'otto' } });
    fireEvent.change(screen.getByLabelText('First password'), { target: { value: 'otto-password-1' } });
    fireEvent.change(screen.getByLabelText("New user's role"), { target: { value: 'operator' } });
    create();
    expect(onSubmit).toHaveBeenCalledWith({
      username: 'otto',
      password: 'otto-password-1',
      role: 'operator',
    });
  });
});
