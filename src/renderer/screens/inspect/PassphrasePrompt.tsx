import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ErrorShape } from '../../../shared/errors';
import { t } from '../../i18n';
import { useFerry } from '../../store/store-context';

/** Error reasons a passphrase can cure: none given yet, or one that did not match the signature. */
const passphraseReasons = new Set(['passphrase-required', 'signature-mismatch']);

/** True when the package failed to open for want of the right passphrase. */
export function needsPassphrase(error: ErrorShape): boolean {
  const reason = error.details?.reason;
  return typeof reason === 'string' && passphraseReasons.has(reason);
}

/** Asks for a signed package's passphrase, unlocks the package with it and inspects it again. */
export function PassphrasePrompt() {
  const unlockAndInspect = useFerry((s) => s.unlockAndInspect);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const refused = await unlockAndInspect(passphrase);
    setBusy(false);
    setError(refused?.message ?? null);
    if (!refused) setPassphrase('');
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="xs" mt="sm" maw={520}>
        <PasswordInput
          label={t.inspect.passphraseLabel}
          value={passphrase}
          onChange={(event) => setPassphrase(event.currentTarget.value)}
          error={error}
          autoComplete="off"
          data-autofocus
        />
        <Group>
          <Button type="submit" size="xs" loading={busy} disabled={passphrase.length === 0}>
            {t.inspect.unlock}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
