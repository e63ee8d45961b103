import { Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { t } from '../../i18n';
import type { AppInfo } from '../../store/app-slice';
import { useFerry } from '../../store/store-context';
import { CloudImportSection } from './CloudImportSection';
import { HandoffSection } from './HandoffSection';
import { TargetSection } from './TargetSection';
import { UploadControls } from './UploadControls';

/** The cloud hand-off: write the hand-off package, upload it to OSS with pause/resume, then import it in DataWorks. */
export function UploadScreen({ info }: { info: AppInfo }) {
  const loadUploads = useFerry((s) => s.loadUploads);
  const loadSavedCredentials = useFerry((s) => s.loadSavedCredentials);
  useEffect(() => {
    void loadUploads();
    void loadSavedCredentials();
  }, [loadUploads, loadSavedCredentials]);
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.upload.title}</Title>
        <Text c="dimmed" size="sm">
          {t.upload.intro}
        </Text>
      </div>
      <HandoffSection info={info} />
      <TargetSection />
      <UploadControls />
      <CloudImportSection />
    </Stack>
  );
}
