import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import type { AppInfo } from '../../store/app-slice';
import { useFerry } from '../../store/store-context';
import { EntriesTable } from './EntriesTable';
import { OpenControls } from './OpenControls';
import { OpenProgress } from './OpenProgress';
import { PackageSummary } from './PackageSummary';

/** Step one of the journey: choose a package, watch it being read, then see what is inside. */
export function OpenPackageScreen({ info }: { info: AppInfo }) {
  const open = useFerry((s) => s.open);
  const dismiss = useFerry((s) => s.dismissOpenResult);
  const inspectPackageFile = useFerry((s) => s.inspectPackageFile);

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t.open.title}</Title>
        <Text c="dimmed" size="sm">
          {t.open.intro}
        </Text>
      </div>
      <OpenControls info={info} />
      {(open.status === 'uploading' || open.status === 'starting' || open.status === 'running') && (
        <OpenProgress open={open} />
      )}
      {open.status === 'failed' && (
        <ErrorAlert title={t.open.failedTitle} error={open.error} onClose={dismiss} />
      )}
      {open.status === 'cancelled' && (
        <Alert
          color="gray"
          variant="light"
          withCloseButton
          closeButtonLabel={t.open.dismiss}
          onClose={dismiss}
        >
          {t.open.cancelled}
        </Alert>
      )}
      {open.status === 'ready' && (
        <>
          <PackageSummary pkg={open.pkg} />
          <Group>
            <Button onClick={() => inspectPackageFile(open.pkg.path, open.pkg.fileName)}>
              {t.open.inspectThis}
            </Button>
          </Group>
          <EntriesTable key={open.jobId} />
        </>
      )}
    </Stack>
  );
}
