import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ErrorShape } from '../../shared/errors';
import { t } from '../i18n';
import { AlertIcon } from './icons';

export interface ErrorAlertProps {
  title: string;
  error: ErrorShape;
  /** Overrides the advice that goes with the error's code. */
  hint?: string;
  onClose?: () => void;
  children?: ReactNode;
}

/**
 * A failure as the user needs it: the backend's message (which names the file and the problem) and, below it,
 * what to do about it. Rendered with role="alert" so it is announced and tests can find it.
 */
export function ErrorAlert({ title, error, hint, onClose, children }: ErrorAlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<AlertIcon />}
      withCloseButton={Boolean(onClose)}
      closeButtonLabel={t.open.dismiss}
      onClose={onClose}
      data-error-code={error.code}
    >
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {error.message}
      </Text>
      <Text size="sm" mt="xs" c="dimmed">
        {hint ?? t.errorAdvice[error.code]}
      </Text>
      {children}
    </Alert>
  );
}
