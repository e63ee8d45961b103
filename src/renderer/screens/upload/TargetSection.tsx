import { Alert, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { t } from '../../i18n';
import { useFerry } from '../../store/store-context';
import { CredentialsFields, SavedCredentialsForm } from './CredentialsFields';

/** Steps 2 and 3: where the package goes (OSS endpoint, bucket, key, region, path style) and the credentials to use. */
export function TargetSection() {
  const target = useFerry((s) => s.uploadFlow.target);
  const credentials = useFerry((s) => s.uploadFlow.credentials);
  const setTarget = useFerry((s) => s.setUploadTarget);
  const setCredentials = useFerry((s) => s.setUploadCredentials);
  const vaultAvailable = useFerry((s) => s.savedCredentials.available);
  const keyHint = useFerry(
    (s) => s.uploads.rows.find((r) => r.uploadId === s.uploadFlow.uploadId)?.accessKeyHint ?? null,
  );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.upload.targetTitle}>
      <Stack gap="sm">
        <Title order={3}>{t.upload.targetTitle}</Title>
        <TextInput
          label={t.upload.endpoint}
          description={t.upload.endpointHint}
          placeholder="oss-cn-hangzhou.aliyuncs.com"
          value={target.endpoint}
          onChange={(e) => setTarget({ endpoint: e.currentTarget.value })}
          required
        />
        <Group grow align="flex-end">
          <TextInput
            label={t.upload.bucket}
            value={target.bucket}
            onChange={(e) => setTarget({ bucket: e.currentTarget.value })}
            required
          />
          <TextInput
            label={t.upload.key}
            description={t.upload.keyHint}
            value={target.key}
            onChange={(e) => setTarget({ key: e.currentTarget.value })}
          />
          <TextInput
            label={t.upload.region}
            description={t.upload.regionHint}
            value={target.region}
            onChange={(e) => setTarget({ region: e.currentTarget.value })}
          />
        </Group>
        <Switch
          label={t.upload.pathStyle}
          description={t.upload.pathStyleHint}
          checked={target.pathStyle}
          onChange={(e) => setTarget({ pathStyle: e.currentTarget.checked })}
        />
        <Title order={3}>{t.upload.credentialsTitle}</Title>
        <CredentialsFields
          value={credentials}
          onChange={setCredentials}
          label={t.upload.credentialsLabel}
          envHint={t.upload.credentialsEnvHint}
          fileLabel={t.upload.credentialsFilePath}
          vaultLabel={t.upload.vaultSelect}
        />
        <SavedCredentialsForm
          chosen={credentials.source === 'vault' ? credentials.name : ''}
          onSaved={(name) => setCredentials({ source: 'vault', name })}
        />
        <Alert variant="light" color="gray">
          <Text size="sm">{vaultAvailable ? t.upload.credentialsWhyVault : t.upload.credentialsWhy}</Text>
        </Alert>
        {keyHint && <Text size="sm">{t.upload.keyHint4(keyHint)}</Text>}
      </Stack>
    </Paper>
  );
}
