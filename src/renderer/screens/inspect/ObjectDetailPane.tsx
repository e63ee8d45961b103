import { Group, Loader, Paper, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';
import { useFerry } from '../../store/store-context';
import { DependencyGraph } from './DependencyGraph';
import { ObjectDetailBody } from './ObjectDetailBody';

/** The selected object, with its dependency graph; clicking a neighbour (in the graph or a list) goes to it. */
export function ObjectDetailPane() {
  const selectedId = useFerry((s) => s.inspect.selectedId);
  const detail = useFerry((s) => s.inspect.detail);
  const graph = useFerry((s) => s.inspect.graph);
  const depth = useFerry((s) => s.inspect.graphDepth);
  const selectObject = useFerry((s) => s.selectObject);
  const setGraphDepth = useFerry((s) => s.setGraphDepth);

  const name = detail.data?.row.name ?? '';
  const graphView = graph.data ? (
    <DependencyGraph
      key={`${graph.data.centre}:${depth}`} // a new neighbourhood starts fitted
      graph={graph.data}
      name={name}
      depth={depth}
      onDepth={setGraphDepth}
      onOpen={selectObject}
    />
  ) : graph.error ? (
    <ErrorAlert title={t.graph.failed} error={graph.error} />
  ) : (
    <Group gap="xs">
      <Loader size="xs" />
      <Text size="sm">{t.graph.loading}</Text>
    </Group>
  );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t.inspect.detailLabel} mih={300}>
      {!selectedId && (
        <Text size="sm" c="dimmed">
          {t.inspect.detailEmpty}
        </Text>
      )}
      {selectedId && detail.status === 'loading' && !detail.data && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t.inspect.loadingRow}</Text>
        </Group>
      )}
      {detail.error && <ErrorAlert title={t.inspect.detailFailed} error={detail.error} />}
      {detail.data && (
        <div aria-busy={detail.status === 'loading'}>
          <ObjectDetailBody
            key={detail.data.row.id}
            details={detail.data}
            graph={graphView}
            onOpen={selectObject}
          />
        </div>
      )}
    </Paper>
  );
}
