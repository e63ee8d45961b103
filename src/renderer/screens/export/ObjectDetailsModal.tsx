import { Group, Loader, Modal, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { useFerry } from '../../store/store-context';
import { ObjectDetailBody } from '../inspect/ObjectDetailBody';

/** "View details" of a queued object: the same read-only detail as the Inspect step, from the workspace. */
export function ObjectDetailsModal() {
  const details = useFerry((s) => s.exportFlow.details);
  const showDetails = useFerry((s) => s.showDetails);
  return (
    <Modal
      opened={details.id !== null}
      onClose={() => showDetails(null)}
      title={t.exportStep.detailsTitle}
      size="xl"
      closeButtonProps={{ 'aria-label': t.exportStep.close }}
    >
      {details.status === 'loading' && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t.inspect.loadingRow}</Text>
        </Group>
      )}
      {details.error && <ErrorAlert title={t.exportStep.detailsFailed} error={details.error} />}
      {details.data && <ObjectDetailBody details={details.data} />}
    </Modal>
  );
}
