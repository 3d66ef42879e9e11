import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../api/types';
import { LoginForm } from './LoginForm';

function fillAndSubmit(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Benutzername'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Passwort'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
}

async function submitWith(problem: Problem | null) {
  const onSignIn = vi.fn().mockResolvedValue(problem);
  render(<LoginForm onSignIn={onSignIn} />);
  await act(async () => fillAndSubmit('  ada ', 'secret-password'));
  return onSignIn;
}

describe('LoginForm', () => {
  it('shows a field error from the server problem next to the field and in a focused summary', async () => {
    const onSignIn = await submitWith({
      type: 'https://lotse.example/problems/validation',
      title: 'Validation failed',
      status: 400,
      code: 'validation',
      requestId: 'req-1',
      errors: [
        {
          pointer: '/username',
          code: 'maxLength',
          message: 'must NOT have more than 64 characters',
          params: { limit: 64 },
        },
      ],
    });

    expect(onSignIn).toHaveBeenCalledWith({ username: 'ada', password: 'secret-password' });
    const username = screen.getByLabelText('Benutzername');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    const describedBy = username.getAttribute('aria-describedby') ?? '';
    const message = document.getElementById(describedBy.split(' ').find((id) => id.endsWith('-error')) ?? '');
    expect(message?.textContent).toContain('Bitte geben Sie höchstens 64 Zeichen ein.');
    expect(screen.getByLabelText('Passwort').getAttribute('aria-invalid')).toBeNull();

    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('Bitte prüfen Sie Ihre Angaben');
    expect(
      screen.getByRole('link', { name: 'Benutzername: Bitte geben Sie höchstens 64 Zeichen ein.' }),
    ).toBeTruthy();
    expect(document.activeElement).toBe(summary);
  });

  it('states a problem about the whole sign-in, with the waiting time when the account is locked', async () => {
    await submitWith({
      type: 'about:blank',
      title: 'Locked',
      status: 423,
      code: 'account-locked',
      retryAfterSeconds: 600,
    });

    expect(screen.getByRole('alert').textContent).toContain(
      'Das Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. Bitte versuchen Sie es in 10 Minuten erneut.',
    );
    expect(screen.getByLabelText('Passwort')).toHaveProperty('value', '');
  });

  it('falls back to the server title for a problem code it does not know', async () => {
    await submitWith({ type: 'about:blank', title: 'Wartungsarbeiten', status: 503, code: 'maintenance' });
    expect(screen.getByRole('alert').textContent).toContain('Wartungsarbeiten');
  });

  it('asks for both fields before contacting the server', async () => {
    const onSignIn = vi.fn();
    render(<LoginForm onSignIn={onSignIn} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Anmelden' })));

    expect(onSignIn).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Benutzername').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Passwort').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Benutzername: Bitte füllen Sie dieses Feld aus.',
      'Passwort: Bitte füllen Sie dieses Feld aus.',
    ]);
  });
});
