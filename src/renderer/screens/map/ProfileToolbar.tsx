import { Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { downloadText } from '../../lib/download';
import { safeFileName } from '../../lib/paths';
import { useFerry } from '../../store/store-context';

/** Name, save and load the profile (history), and move it in and out as a YAML file. */
export function ProfileToolbar() {
  const name = useFerry((s) => s.mapping.profile?.name ?? '');
  const saved = useFerry((s) => s.mapping.saved);
  const notice = useFerry((s) => s.mapping.notice);
  const actionError = useFerry((s) => s.mapping.actionError);
  const edit = useFerry((s) => s.editProfile);
  const save = useFerry((s) => s.saveProfile);
  const loadSaved = useFerry((s) => s.loadSavedProfiles);
  const loadOne = useFerry((s) => s.loadSavedProfile);
  const importYaml = useFerry((s) => s.importProfileYaml);
  const exportYaml = useFerry((s) => s.exportProfileYaml);
  const [choice, setChoice] = useState<string | null>(null);
  const fileId = useId();

  useEffect(() => {
    void loadSaved();
  }, [loadSaved]);

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.map.profileTitle}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t.map.profileName}
          value={name}
          onChange={(e) => {
            const v = e.currentTarget.value;
            edit((p) => {
              p.name = v;
            });
          }}
          error={name.trim() ? undefined : t.map.profileNameRequired}
        />
        <Button variant="default" onClick={() => void save()} disabled={!name.trim()}>
          {t.map.saveProfile}
        </Button>
        <Select
          label={t.map.savedProfiles}
          placeholder={saved.length ? t.map.chooseProfile : t.map.noSavedProfiles}
          data={saved.map((r) => r.name)}
          value={choice}
          onChange={setChoice}
          disabled={saved.length === 0}
        />
        <Button variant="default" disabled={!choice} onClick={() => choice && void loadOne(choice)}>
          {t.map.loadProfile}
        </Button>
        <div>
          <Text component="label" htmlFor={fileId} size="sm" fw={500} display="block" mb={4}>
            {t.map.importYaml}
          </Text>
          <input
            id={fileId}
            type="file"
            accept=".yaml,.yml,text/yaml"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void file.text().then((text) => importYaml(text, file.name));
            }}
          />
        </div>
        <Button
          variant="default"
          onClick={() =>
            void exportYaml().then(
              (text) =>
                text !== null && downloadText(text, `${safeFileName(name) || 'profile'}.yaml`, 'text/yaml'),
            )
          }
        >
          {t.map.exportYaml}
        </Button>
      </Group>
      {notice && (
        <Text size="sm" c="teal" mt="xs" role="status">
          {t.map.savedNotice(notice)}
        </Text>
      )}
      {actionError && <ErrorAlert title={t.map.profileActionFailed} error={actionError} />}
    </Paper>
  );
}
