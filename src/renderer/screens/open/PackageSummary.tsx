import {
  ActionIcon,
  Code,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { ReactNode } from 'react';
import type { OpenedPackage } from '../../../shared/model/package-listing';
import { CheckIcon, CopyIcon } from '../../components/icons';
import { t } from '../../i18n';
import { formatBytes, formatCount, formatDateTime, formatEntryCount, shortSha } from '../../lib/format';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </div>
  );
}

/** What was opened: name, where, how big, how many entries, and the digest to compare with the sender's. */
export function PackageSummary({ pkg }: { pkg: OpenedPackage }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.summary.title}>
      <Stack gap="sm">
        <div>
          <Title order={3} className="ferry-truncate" title={pkg.fileName}>
            {pkg.fileName}
          </Title>
          <Text size="sm" c="dimmed" className="ferry-truncate" title={pkg.path}>
            {pkg.path}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Fact label={t.summary.size}>
            <Text title={`${formatCount(pkg.size)} B`}>{formatBytes(pkg.size)}</Text>
          </Fact>
          <Fact label={t.summary.entries}>
            <Text>{formatEntryCount(pkg.entryCount)}</Text>
          </Fact>
          <Fact label={t.summary.sha256}>
            <Group gap={4} wrap="nowrap">
              <Tooltip label={pkg.sha256} multiline maw={360} style={{ overflowWrap: 'anywhere' }}>
                <Code title={pkg.sha256}>{shortSha(pkg.sha256)}</Code>
              </Tooltip>
              <CopyButton value={pkg.sha256}>
                {({ copied, copy }) => (
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label={copied ? t.summary.copied : t.summary.copySha}
                    title={copied ? t.summary.copied : t.summary.copySha}
                  >
                    {copied ? <CheckIcon /> : <CopyIcon />}
                  </ActionIcon>
                )}
              </CopyButton>
            </Group>
          </Fact>
          <Fact label={t.summary.openedAt}>
            <Text>{formatDateTime(pkg.openedAt)}</Text>
          </Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
