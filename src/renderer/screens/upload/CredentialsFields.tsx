import {
  Button,
  Group,
  NativeSelect,
  PasswordInput,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { useFerry } from '../../store/store-context';
import type { CredentialChoice } from '../../store/upload-slice';

/**
 * Where an access key comes from: environment variables, a credentials file, or (desktop app with a keychain) a
 * pair saved in Ferry's encrypted store, picked by name. Shows names and the key id's last 4 characters only.
 */
export function CredentialsFields({
  value,
  onChange,
  label,
  envHint,
  fileLabel,
  vaultLabel,
}: {
  value: CredentialChoice;
  onChange: (edit: Partial<CredentialChoice>) => void;
  label: string;
  envHint: string;
  fileLabel: string;
  vaultLabel: string;
}) {
  const saved = useFerry((s) => s.savedCredentials);
  const source = value.source;
  const vault = saved.available || source === 'vault';
  return (
    <Stack gap="xs">
      <Radio.Group
        label={label}
        value={source}
        onChange={(next) => onChange({ source: next === 'file' || next === 'vault' ? next : 'env' })}
      >
        <Group mt={4}>
          {vault && <Radio value="vault" label={t.upload.credentialsVault} />}
          <Radio value="env" label={t.upload.credentialsEnv} />
          <Radio value="file" label={t.upload.credentialsFile} />
        </Group>
      </Radio.Group>
      {source === 'vault' && (
        <NativeSelect
          label={vaultLabel}
          description={saved.items.length ? undefined : t.upload.vaultEmpty}
          value={saved.items.some((c) => c.name === value.name) ? value.name : ''}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          data={[
            { value: '', label: t.upload.vaultPlaceholder },
            ...saved.items.map((c) => ({
              value: c.name,
              label: t.upload.vaultOption(c.name, c.accessKeyHint),
            })),
          ]}
          required
        />
      )}
      {source === 'env' && (
        <Text size="xs" c="dimmed">
          {envHint}
        </Text>
      )}
      {source === 'file' && (
        <TextInput
          label={fileLabel}
          description={t.upload.credentialsFileHint}
          value={value.path}
          onChange={(e) => onChange({ path: e.currentTarget.value })}
          required
        />
      )}
    </Stack>
  );
}

/**
 * Saves a new access key pair in the keychain-encrypted store (desktop app) and chooses it; deletes the chosen one.
 * The secret lives in this form's state only until the save call returns, then the fields are cleared. Where no
 * keychain is available (web mode), one line says why instead.
 */
export function SavedCredentialsForm({
  chosen,
  onSaved,
}: {
  chosen: string;
  onSaved: (name: string) => void;
}) {
  const saved = useFerry((s) => s.savedCredentials);
  const save = useFerry((s) => s.saveCredential);
  const remove = useFerry((s) => s.deleteSavedCredential);
  const [name, setName] = useState('');
  const [accessKeyId, setAccessKeyId] = useState('');
  const [accessKeySecret, setAccessKeySecret] = useState('');
  const [savedAs, setSavedAs] = useState<string | null>(null);
  if (!saved.available) {
    return saved.reason ? (
      <Text size="xs" c="dimmed">
        {t.upload.vaultUnavailable(saved.reason)}
      </Text>
    ) : null;
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await save({ name: name.trim(), accessKeyId: accessKeyId.trim(), accessKeySecret });
    // Cleared whatever the outcome: a secret is typed again rather than kept around.
    setAccessKeySecret('');
    if (result) {
      setAccessKeyId('');
      setName('');
      setSavedAs(result);
      onSaved(result);
    }
  };
  const chosenExists = saved.items.some((c) => c.name === chosen);
  return (
    <Stack gap="xs" component="form" aria-label={t.upload.saveTitle} onSubmit={(e) => void submit(e)}>
      <Title order={4}>{t.upload.saveTitle}</Title>
      <Group grow align="flex-end">
        <TextInput
          label={t.upload.saveName}
          description={t.upload.saveNameHint}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          autoComplete="off"
          required
        />
        <TextInput
          label={t.upload.saveKeyId}
          value={accessKeyId}
          onChange={(e) => setAccessKeyId(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <PasswordInput
          label={t.upload.saveSecret}
          description={t.upload.saveSecretHint}
          value={accessKeySecret}
          onChange={(e) => setAccessKeySecret(e.currentTarget.value)}
          autoComplete="new-password"
          required
        />
      </Group>
      <Group>
        <Button
          type="submit"
          variant="default"
          loading={saved.saving}
          disabled={!name.trim() || !accessKeyId.trim() || !accessKeySecret.trim()}
        >
          {t.upload.save}
        </Button>
        {chosenExists && (
          <Button
            variant="subtle"
            color="red"
            aria-label={t.upload.deleteSaved(chosen)}
            onClick={() => void remove(chosen)}
          >
            {t.upload.deleteSavedShort}
          </Button>
        )}
        {savedAs && <Text size="sm">{t.upload.saved(savedAs)}</Text>}
      </Group>
      {saved.saveError && <ErrorAlert title={t.upload.saveFailed} error={saved.saveError} />}
    </Stack>
  );
}
