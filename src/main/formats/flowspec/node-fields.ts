import type { NodeOutput, Parameter, Schedule } from '../../../shared/model/asset';
import { arr, bool, num, obj, str, type Obj } from './values';

/**
 * Schedule from a node (trigger + its own fields) or a workflow (trigger + strategy). Null when the source says
 * nothing about scheduling (hand-written examples), so "unset" is not mistaken for "defaults".
 */
export function scheduleOf(owner: Obj, trigger: Obj | null, strategy: Obj | null): Schedule | null {
  const pick = (key: string): unknown => owner[key] ?? strategy?.[key];
  const schedule: Schedule = {
    triggerType: str(trigger?.type),
    cron: str(trigger?.cron),
    instanceMode: str(pick('instanceMode')),
    rerunMode: str(pick('rerunMode')),
    rerunTimes: num(pick('rerunTimes')),
    rerunIntervalMs: num(pick('rerunInterval')),
    recurrence: str(owner.recurrence ?? trigger?.recurrence ?? strategy?.recurrenceType),
    startTime: str(trigger?.startTime),
    endTime: str(trigger?.endTime),
    timezone: str(trigger?.timezone),
    delaySeconds: num(trigger?.delaySeconds),
    priority: num(pick('priority')),
    timeout: num(pick('timeout')),
    timeoutUnit: str(pick('timeoutUnit')),
    failureStrategy: str(strategy?.failureStrategy),
  };
  return Object.values(schedule).some((value) => value !== null) ? schedule : null;
}

/** A FlowSpec variable as a parameter; values are kept as text (numbers and booleans are stringified). */
export function parameterOf(variable: Obj): Parameter | null {
  const name = str(variable.name) ?? str(variable.id);
  if (name === null) return null;
  const raw = variable.value;
  return {
    name,
    value: typeof raw === 'boolean' ? String(raw) : str(raw),
    type: str(variable.type),
    scope: str(variable.scope),
  };
}

/** `nodeOutputs` (and the `outputs` spelling seen in an upstream test file) of an inputs/outputs block. */
export function nodeOutputsOf(io: unknown, resolve: (value: unknown) => Obj | null): NodeOutput[] {
  const block = obj(io);
  if (!block) return [];
  const result: NodeOutput[] = [];
  const seen = new Set<string>();
  for (const item of [...arr(block.nodeOutputs), ...arr(block.outputs)]) {
    const output = resolve(item);
    const data = str(output?.data);
    if (!output || data === null || data === '' || seen.has(data)) continue;
    seen.add(data);
    result.push({ data, refTableName: str(output.refTableName), isDefault: bool(output.isDefault) });
  }
  return result;
}
