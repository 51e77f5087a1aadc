// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ChangePasswordForm, newPasswordProblem } from './ChangePasswordForm.js';

afterEach(cleanup);

function renderForm(error?: string) {
  const onSubmit = vi.fn();
  render(<ChangePasswordForm submitting={false} done={false} error={error} onSubmit={onSubmit} />);
  const fill = (label: string, value: string) =>
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
  return { onSubmit, fill, submit };
}

describe('ChangePasswordForm', () => {
  it('says what is wrong with the new password', () => {
    expect(newPasswordProblem('short', 'short')).toBe('Use at least 12 characters.');
    expect(newPasswordProblem('long-enough-one', 'long-enough-two')).toBe('The two new passwords differ.');
    expect(newPasswordProblem('long-enough-one', 'long-enough-one')).toBeUndefined();
  });

  it('sends nothing until the current password is given and the new one is typed twice alike', () => {
    const { onSubmit, fill, submit } = renderForm();
    fill('New password', 'a-new-password-1');
    fill('New password again', 'a-new-password-2');
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'Enter your current password.',
      'The two new passwords differ.',
    ]);
    fill('Current password', 'the-old-password');
    fill('New password again', 'a-new-password-1');
    submit();
    expect(onSubmit).toHaveBeenCalledWith({
      currentPassword: 'the-old-password',
      newPassword: 'a-new-password-1',
    });
  });

  it('shows the API’s refusal under the current password', () => {
    renderForm('the current password is not right');
    expect(screen.getByRole('alert').textContent).toBe('the current password is not right');
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
  });
});
