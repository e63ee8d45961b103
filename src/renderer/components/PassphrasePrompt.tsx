import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ErrorShape } from '../../shared/errors';
import { t } from '../i18n';
import { useFerry } from '../store/store-context';
import { ErrorAlert } from './ErrorAlert';

/** Error reasons a passphrase can cure: none given yet, or one that did not match the signature. */
const passphraseReasons = new Set(['passphrase-required', 'signature-mismatch']);

/** True when a package could not be read for want of the right passphrase. */
export function needsPassphrase(error: ErrorShape): boolean {
  const reason = error.details?.reason;
  return typeof reason === 'string' && passphraseReasons.has(reason);
}

export interface PassphrasePromptProps {
  /** The signed package. */
  path: string;
  /** What happens once it is unlocked (inspect it, suggest a profile, preview), as the button says. */
  submitLabel: string;
  onUnlocked: () => void;
}

/**
 * Asks for a signed package's passphrase where reading it failed for want of one, unlocks the package with it (the
 * main process keeps it in memory for the session) and runs the step again. A wrong one shows under the field.
 */
export function PassphrasePrompt({ path, submitLabel, onUnlocked }: PassphrasePromptProps) {
  const unlockPackage = useFerry((s) => s.unlockPackage);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const refused = await unlockPackage(path, passphrase);
    setBusy(false);
    setError(refused?.message ?? null);
    if (refused) return;
    setPassphrase('');
    onUnlocked();
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="xs" mt="sm" maw={520}>
        <PasswordInput
          label={t.passphrase.label}
          value={passphrase}
          onChange={(event) => setPassphrase(event.currentTarget.value)}
          error={error}
          autoComplete="off"
          data-autofocus
        />
        <Group>
          <Button type="submit" size="xs" loading={busy} disabled={passphrase.length === 0}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export interface PackageReadErrorProps extends Omit<PassphrasePromptProps, 'path'> {
  title: string;
  error: ErrorShape;
  /** The package the step read; null when there is none to unlock. */
  path: string | null;
  /** Shown instead of the prompt when a passphrase would not help (a retry button, say). */
  children?: ReactNode;
}

/** A step's failure to read a package: the error, with the passphrase prompt when the package is signed. */
export function PackageReadError({ title, error, path, submitLabel, onUnlocked, children }: PackageReadErrorProps) {
  const locked = path !== null && needsPassphrase(error);
  return (
    <ErrorAlert title={title} error={error} hint={locked ? t.passphrase.hint : undefined}>
      {locked ? <PassphrasePrompt path={path} submitLabel={submitLabel} onUnlocked={onUnlocked} /> : children}
    </ErrorAlert>
  );
}
