import { Button, Group, Input, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { t } from '../../i18n';
import type { AppInfo } from '../../store/app-slice';
import { isOpenBusy } from '../../store/package-slice';
import { useFerry } from '../../store/store-context';

/**
 * How a package gets chosen depends on what the backend can do: the native dialog on the desktop, a path
 * typed by hand and/or an upload in browser mode (the browser cannot hand over a local path).
 */
export function OpenControls({ info }: { info: AppInfo }) {
  const busy = useFerry((s) => isOpenBusy(s.open));
  const openPackage = useFerry((s) => s.openPackage);
  const pickAndOpen = useFerry((s) => s.pickAndOpen);
  const uploadAndOpen = useFerry((s) => s.uploadAndOpen);
  const [path, setPath] = useState('');
  const uploadId = useId();

  const submitPath = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed) void openPackage(trimmed);
  };

  const upload = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    // Clear the input so choosing the same file again still fires a change.
    event.currentTarget.value = '';
    if (file) void uploadAndOpen(file);
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        {info.canPickFiles && (
          <Group>
            <Button onClick={() => void pickAndOpen()} disabled={busy}>
              {t.open.choose}
            </Button>
          </Group>
        )}
        {!info.canPickFiles && (
          <form onSubmit={submitPath}>
            <Group align="flex-end" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t.open.pathLabel}
                description={t.open.pathDescription}
                placeholder={t.open.pathPlaceholder}
                value={path}
                onChange={(e) => setPath(e.currentTarget.value)}
                disabled={busy}
                spellCheck={false}
                autoComplete="off"
              />
              <Button type="submit" disabled={busy || path.trim() === ''}>
                {t.open.openButton}
              </Button>
            </Group>
          </form>
        )}
        {info.canUpload && (
          <Input.Wrapper label={t.open.uploadLabel} description={t.open.uploadDescription} id={uploadId}>
            {/* A native file input: the label points at it, so keyboard, screen readers and Playwright's
                setInputFiles all find it by its name. */}
            <Text component="div" size="sm" mt={4}>
              <input id={uploadId} type="file" onChange={upload} disabled={busy} />
            </Text>
          </Input.Wrapper>
        )}
      </Stack>
    </Paper>
  );
}
