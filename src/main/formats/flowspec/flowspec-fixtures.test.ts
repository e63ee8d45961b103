import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/model/asset';
import type { PackageModel } from '../../../shared/model/package-model';
import { fixture } from '../../test-support/fixtures';
import { readFlowSpecFile } from './flowspec-reader';

// Expected values below were counted from the fixture files by hand (workflows, every node including inner
// nodes of do-while / for-each / PAI flow containers, `script.runtime.command`, flow/dependencies entries).

const read = (...parts: string[]): Promise<PackageModel> => readFlowSpecFile(fixture('flowspec', ...parts));
const ofKind = (model: PackageModel, kind: Asset['kind']): Asset[] => model.assets.filter((asset) => asset.kind === kind);
const workflows = (model: PackageModel): string[] => ofKind(model, 'workflow').map((asset) => `${asset.id} ${asset.name}`);
/** [id, name, command, parent] in document order (inner nodes follow their container). */
const nodes = (model: PackageModel): (string | null)[][] => ofKind(model, 'node').map((a) => [a.id, a.name, a.nodeType, a.parentId]);
/** `<id> <- <upstream id>`; external inputs as `external(<output>)`; non-Normal types in brackets. Sorted. */
const edges = (model: PackageModel): string[] =>
  model.assets
    .flatMap((asset) =>
      asset.dependencies.map((dep) => {
        const type = dep.type === 'Normal' ? '' : ` [${dep.type}]`;
        return `${asset.id} <- ${dep.targetId ?? `external(${dep.output ?? dep.nodeId})`}${type}`;
      }),
    )
    .sort();

describe('real DataWorks exports (new shape: spec.workflows[].nodes + dependencies)', () => {
  it('cycle_workflow.json: 1 workflow, 3 nodes + 3 PAI-flow inner nodes, 4 inner edges, workflow on project_root', async () => {
    const model = await read('cycle_workflow.json');
    expect(workflows(model)).toEqual(['7934541333710669409 工作流042203']);
    const paiflow = '7598838183218421046';
    expect(nodes(model)).toEqual([
      [paiflow, 'paiflow', 'PAI_FLOW', null],
      ['5664647817981872780', 'oss读取', 'PAI_FLOW_TF_READ_FILE_DATA', paiflow],
      ['6290553884875335962', '知识库同步', 'PAI_FLOW_RAG_SYNC_INDEX', paiflow],
      ['6520915501362995553', 'rag', 'PAI_FLOW_RAG_TEXT_PARSE_CHUNK', paiflow],
      ['8285641058112396902', 'odps', 'ODPS_SQL', null],
      ['8900819932290547264', 'odps02', 'ODPS_SQL', null],
    ]);
    expect(edges(model)).toEqual(
      [
        '7934541333710669409 <- external(project_root)',
        `${paiflow} <- 8285641058112396902`,
        '6290553884875335962 <- 6520915501362995553',
        '6520915501362995553 <- 5664647817981872780',
        `8900819932290547264 <- ${paiflow}`,
      ].sort(),
    );
    for (const node of ofKind(model, 'node')) expect(node.workflowId).toBe('7934541333710669409');
    expect(model.projectIdentifier).toBe('langstudio_hz_guqi_001');
    const workflow = ofKind(model, 'workflow')[0];
    expect(workflow.nodeType).toBe('WORKFLOW');
    expect(workflow.folderPath).toBe('ztgtest');
    expect(workflow.outputs.map((o) => [o.data, o.isDefault])).toEqual([
      ['7934541333710669409', true],
      ['langstudio_hz_guqi_001.工作流042203', false],
    ]);
    expect(workflow.schedule).toMatchObject({ cron: '00 12 00 * * ?', rerunTimes: 3, rerunIntervalMs: 180000, failureStrategy: 'Break', recurrence: 'Normal', timeoutUnit: 'HOURS' });
  });

  it('cycle_workflow_spec.json: 15 nodes incl. do-while (3 inner) and for-each (3 inner), branch outputs resolve', async () => {
    const model = await read('real', 'cycle_workflow_spec.json');
    expect(workflows(model)).toEqual(['7322159560488851894 workflow1']);
    const dowhile = '6967419104287817143';
    const foreach = '8769231017176741459';
    const branch = '7525339864785788978';
    expect(nodes(model)).toEqual([
      ['5338330707779726879', 'canshu1', 'PARAM_HUB', null],
      ['6513832219288700312', 'fuzhi1', 'CONTROLLER_ASSIGNMENT', null],
      [dowhile, 'dowhile1', 'CONTROLLER_CYCLE', null],
      ['8753685442611405236', 'cycle_start', 'CONTROLLER_CYCLE_START', dowhile],
      ['9059317057272391178', 'dowhileshlell1', 'DIDE_SHELL', dowhile],
      ['7390215571950315272', 'cycle_end', 'CONTROLLER_CYCLE_END', dowhile],
      ['7514068863288175700', 'join1', 'CONTROLLER_JOIN', null],
      [branch, 'branch', 'CONTROLLER_BRANCH', null],
      ['8137756605479727869', 'virtualroot1', 'VIRTUAL', null],
      [foreach, 'foreach1', 'CONTROLLER_TRAVERSE', null],
      ['7718934970161365810', 'traverse_start', 'CONTROLLER_TRAVERSE_START', foreach],
      ['8072948259224338063', 'shell1', 'DIDE_SHELL', foreach],
      ['8214240151366497930', 'traverse_end', 'CONTROLLER_TRAVERSE_END', foreach],
      ['8841665445732735117', 'x_not_in_input_shell1', 'DIDE_SHELL', null],
      ['9221517664676278215', 'pyhon1', 'PYTHON', null],
    ]);
    expect(edges(model)).toEqual(
      [
        '5338330707779726879 <- 6513832219288700312',
        '6513832219288700312 <- 8137756605479727869',
        `${dowhile} <- 5338330707779726879`,
        '7514068863288175700 <- 9221517664676278215',
        '7514068863288175700 <- 8841665445732735117',
        `${branch} <- 5338330707779726879`,
        `${foreach} <- 5338330707779726879`,
        // `reg_upgrade0702.x_in_input_false` / `_true` are outputs of the branch node.
        `8841665445732735117 <- ${branch}`,
        `9221517664676278215 <- ${branch}`,
        '7390215571950315272 <- 9059317057272391178',
        '9059317057272391178 <- 8753685442611405236',
        '8072948259224338063 <- 7718934970161365810',
        '8214240151366497930 <- 8072948259224338063',
      ].sort(),
    );
    for (const node of ofKind(model, 'node')) expect(node.workflowId).toBe('7322159560488851894');
    expect(model.projectIdentifier).toBe('reg_upgrade0702');
    // Unknown fields stay in the original; inner nodes are their own assets, not copies inside the container.
    const container = model.assets.find((a) => a.id === dowhile)!.original as Record<string, Record<string, unknown>>;
    expect(Object.keys(container['do-while']).sort()).toEqual(['flow', 'maxIterations', 'parallelism']);
    expect(model.assets.find((a) => a.id === '5338330707779726879')!.original).toHaveProperty('param-hub');
  });

  it('cycle_workflow_inner_node.json: the workflow and its one exported node, upstream outside the file', async () => {
    const model = await read('real', 'cycle_workflow_inner_node.json');
    expect(workflows(model)).toEqual(['7934541333710669409 工作流042203']);
    expect(nodes(model)).toEqual([['8900819932290547264', 'odps02', 'ODPS_SQL', null]]);
    expect(edges(model)).toEqual(['8900819932290547264 <- external(7598838183218421046)']);
  });

  it('trigger_workflow.json: 1 workflow with 1 node, no dependencies', async () => {
    const model = await read('real', 'trigger_workflow.json');
    expect(workflows(model)).toEqual(['6609968264457438084 event_trigger1']);
    expect(nodes(model)).toEqual([['7464709277962553850', 'xxdd', 'ODPS_SQL', null]]);
    expect(edges(model)).toEqual([]);
    expect(ofKind(model, 'workflow')[0].schedule).toMatchObject({ triggerType: 'Custom', recurrence: 'NoneAuto', rerunTimes: 3 });
  });

  it('trigger_workflow_inner_foreach_inner_node.json: for-each with 1 inner node depending outside', async () => {
    const model = await read('real', 'trigger_workflow_inner_foreach_inner_node.json');
    expect(workflows(model)).toEqual(['6609968264457438084 event_trigger1']);
    expect(nodes(model)).toEqual([
      ['8420325230539704586', 'inner_foreach1', 'CONTROLLER_TRAVERSE', null],
      ['7935317510767777854', 'inner_foreach_inner_sql1', 'ODPS_SQL', '8420325230539704586'],
    ]);
    expect(edges(model)).toEqual(['7935317510767777854 <- external(8305302544780622154)']);
  });

  it('migrationx-output/shell-node-spec.json: 1 workflow, 1 DIDE_SHELL node with inline code', async () => {
    const model = await read('migrationx-output', 'shell-node-spec.json');
    expect(workflows(model)).toEqual(['14076078949856 单shell节点']);
    expect(nodes(model)).toEqual([['14076072320609', 'shell节点', 'DIDE_SHELL', null]]);
    expect(edges(model)).toEqual([]);
    const node = ofKind(model, 'node')[0];
    expect(node.folderPath).toBe('业务流程/单shell节点/通用');
    expect(node.code).toEqual({ entry: 'shell-node-spec.json', pointer: '/spec/workflows/0/nodes/0/script/content', language: 'shell', size: 64 });
    expect((node.original as { script: Record<string, unknown> }).script).not.toHaveProperty('content');
  });
});

describe('real DataWorks exports (old shape: spec.nodes + spec.flow)', () => {
  it('manual_workflow.json: the spec is the manual workflow; 6 nodes, repeated depends collapse to 5 edges', async () => {
    const model = await read('manual_workflow.json');
    expect(workflows(model)).toEqual(['6853333959175030943 teest']);
    expect(ofKind(model, 'workflow')[0].nodeType).toBe('MANUAL_WORKFLOW');
    expect(ofKind(model, 'workflow')[0].parameters).toEqual([{ name: 'varName', value: 'varValue', type: 'System', scope: 'Workflow' }]);
    expect(nodes(model)).toEqual([
      ['6204757833136829927', '005', 'ODPS_SQL', null],
      ['7558575535269801325', '001', 'ODPS_SQL', null],
      ['8061101359704647839', '003', 'ODPS_SQL', null],
      ['8182750717847929826', '007', 'ODPS_SQL', null],
      ['8334015328777195696', '004', 'ODPS_SQL', null],
      ['8457942929642707174', '0022', 'ODPS_SQL', null],
    ]);
    expect(edges(model)).toEqual(
      [
        '6204757833136829927 <- 8457942929642707174',
        '8061101359704647839 <- 7558575535269801325',
        '8182750717847929826 <- 8061101359704647839',
        '8334015328777195696 <- 7558575535269801325',
        '8457942929642707174 <- 7558575535269801325',
      ].sort(),
    );
    for (const node of ofKind(model, 'node')) expect(node.workflowId).toBe('6853333959175030943');
  });

  it('manual_workflow_spec.json: manual workflow with 7 nodes and 4 edges', async () => {
    const model = await read('real', 'manual_workflow_spec.json');
    expect(workflows(model)).toEqual(['5986045913996004866 workflow1']);
    expect(nodes(model)).toEqual([
      ['6015062126715695745', 'assign1', 'CONTROLLER_ASSIGNMENT', null],
      ['6123419979096480467', 'python1', 'PYTHON', null],
      ['7343470073706653895', 'virtual_root1', 'VIRTUAL', null],
      ['8406086768883855262', 'paidlc1', 'PAI_DLC', null],
      ['8540823129056658410', 'shell1', 'DIDE_SHELL', null],
      ['6272137892246621661', 'assg1', 'CONTROLLER_ASSIGNMENT', null],
      ['8047158106325902430', 'canshu1', 'PARAM_HUB', null],
    ]);
    expect(edges(model)).toEqual(
      [
        '6015062126715695745 <- 7343470073706653895',
        '6123419979096480467 <- 6015062126715695745',
        '8406086768883855262 <- 6015062126715695745',
        '8540823129056658410 <- 6015062126715695745',
      ].sort(),
    );
    expect(model.projectIdentifier).toBe('yongxunQA_emr_chengdu1');
  });

  it('manual_node.json: one manual node, no workflow, manual trigger', async () => {
    const model = await read('real', 'manual_node.json');
    expect(workflows(model)).toEqual([]);
    expect(nodes(model)).toEqual([['7429562982826024491', '手动odps01', 'ODPS_SQL', null]]);
    expect(edges(model)).toEqual([]);
    const node = ofKind(model, 'node')[0];
    expect(node.schedule).toMatchObject({ triggerType: 'Manual', timezone: 'Asia/Shanghai', rerunIntervalMs: 180000 });
    expect(node.datasource).toEqual({ name: 'casdcsdcadscsdwe123', type: 'odps' });
    expect(node.resourceGroup).toBe('group_524257424564736');
    expect(node.owner).toBe('1107550004253538');
    expect(node.origin).toEqual({ entry: 'manual_node.json', pointer: '/spec/nodes/0', specKind: 'ManualNode', specVersion: '1.1.0' });
  });

  it('single_cycle_node.json: self dependency across cycles plus the project root input', async () => {
    const model = await read('real', 'single_cycle_node.json');
    expect(nodes(model)).toEqual([['8018052533299402339', '3232', 'ODPS_SQL', null]]);
    expect(edges(model)).toEqual(['8018052533299402339 <- 8018052533299402339 [CrossCycleDependsOnSelf]', '8018052533299402339 <- external(langstudio_hz_guqi_001_root)']);
    expect(ofKind(model, 'node')[0].inputs).toEqual([{ data: 'langstudio_hz_guqi_001_root', refTableName: null, isDefault: null }]);
  });

  it('single_dowhile_spec.json: do-while with 6 inner nodes + while end node, 10 edges', async () => {
    const model = await read('real', 'single_dowhile_spec.json');
    const dowhile = '4901511081993413756';
    const branch = '9203492917897132075';
    expect(workflows(model)).toEqual([]);
    expect(nodes(model)).toEqual([
      [dowhile, 'dowhile1', 'CONTROLLER_CYCLE', null],
      ['5913326099511878648', 'mcaq1', 'ODPS_SQL', dowhile],
      ['6210861831494975446', 'dddd', 'Selectdb', dowhile],
      ['7015085679680063506', 'not_blank_mcsql', 'ODPS_SQL', dowhile],
      ['7164112281316903265', 'cycle_start', 'CONTROLLER_CYCLE_START', dowhile],
      ['7423415671572125648', 'fuzhi1', 'CONTROLLER_ASSIGNMENT', dowhile],
      [branch, 'fenzhi', 'CONTROLLER_BRANCH', dowhile],
      ['4801135253648555454', 'cycle_end', 'CONTROLLER_CYCLE_END', dowhile],
    ]);
    expect(edges(model)).toEqual(
      [
        `${dowhile} <- external(lwt_test_newide_root)`,
        '4801135253648555454 <- 6210861831494975446',
        '4801135253648555454 <- 7015085679680063506',
        '4801135253648555454 <- 5913326099511878648',
        `5913326099511878648 <- ${branch}`,
        '6210861831494975446 <- 7164112281316903265',
        '6210861831494975446 <- 7423415671572125648',
        `7015085679680063506 <- ${branch}`,
        '7423415671572125648 <- 7164112281316903265',
        `${branch} <- 7423415671572125648`,
      ].sort(),
    );
    expect(model.projectIdentifier).toBe('lwt_test_newIde');
  });

  it('single_dowhile_inner_node.json: one inner node exported alone; spec-level maxIterations kept', async () => {
    const model = await read('real', 'single_dowhile_inner_node.json');
    expect(nodes(model)).toEqual([['6280440187348453162', 'dowhileinnsersql1', 'ODPS_SQL', null]]);
    expect(edges(model)).toEqual(['6280440187348453162 <- external(4661565324722130459)']);
    expect(model.documents[0].specExtra).toMatchObject({ maxIterations: 128, flow: [{ nodeId: '6280440187348453162' }] });
  });

  it('dide_shell.json: schedule, parameters, resource group and inline code of one node; 2 external inputs', async () => {
    const model = await read('dide_shell.json');
    expect(nodes(model)).toEqual([['c6a3bbe198fd4031bbe71ad3e66ceb91', 'dide_shell', 'DIDE_SHELL', null]]);
    expect(edges(model)).toEqual(['c6a3bbe198fd4031bbe71ad3e66ceb91 <- external(cd0a7f7e21ef49e6bebeb98438c9ebe9)', 'c6a3bbe198fd4031bbe71ad3e66ceb91 <- external(f6cbb79aa27540dc9d3f055a639436b1)']);
    const node = ofKind(model, 'node')[0];
    expect(node.schedule).toEqual({
      triggerType: 'Scheduler',
      cron: '00 00 00 * * ?',
      instanceMode: 'T+1',
      rerunMode: 'Allowed',
      rerunTimes: 3,
      rerunIntervalMs: 180000,
      recurrence: 'Skip',
      startTime: '1970-01-01 00:00:00',
      endTime: '9999-01-01 00:00:00',
      timezone: 'Asia/Shanghai',
      delaySeconds: null,
      priority: null,
      timeout: 3,
      timeoutUnit: null,
      failureStrategy: null,
    });
    expect(node.parameters.map((p) => [p.name, p.value])).toEqual([
      ['2', '222222'],
      ['1', '111111'],
    ]);
    expect([node.owner, node.resourceGroup, node.engine, node.folderPath]).toEqual(['064152', 'group_2', 'MaxCompute', '聿剑测试/通用节点测试']);
    expect(node.outputs).toEqual([{ data: 'c6a3bbe198fd4031bbe71ad3e66ceb91', refTableName: 'sql_assign_1', isDefault: null }]);
    expect(node.code).toMatchObject({ pointer: '/spec/nodes/0/script/content', language: 'odps', size: 8 });
  });
});

describe('upstream examples ({{references}}, spec-level entities)', () => {
  it('simple.json: 3 nodes, {{id}} and {{scripts.x}} / {{variables.x}} references resolved', async () => {
    const model = await read('simple.json');
    expect(nodes(model)).toEqual([
      ['start', 'start', null, null],
      ['datax', 'datax', 'DI', null],
      ['sql', 'sql', null, null],
    ]);
    expect(edges(model)).toEqual(['datax <- start', 'sql <- datax']);
    const datax = model.assets.find((a) => a.id === 'datax')!;
    expect(datax.engine).toBe('DataIntegration');
    expect(datax.parameters).toEqual([{ name: 'bizdate', value: '${yyyymmdd}', type: 'System', scope: 'NodeParameter' }]);
    expect(datax.folderPath).toBe('path/to');
    expect((datax.original as { script: unknown }).script).toBe('{{scripts.file1}}');
    expect(model.problems.filter((p) => p.code === 'unresolved-reference')).toEqual([]);
  });

  it('simple.yaml reads to exactly the same model as simple.json (apart from the entry name)', async () => {
    const json = await read('simple.json');
    const yaml = await read('simple.yaml');
    const strip = (model: PackageModel) =>
      JSON.parse(JSON.stringify({ ...model, sourcePath: '' }).replaceAll('simple.json', 'X').replaceAll('simple.yaml', 'X')) as unknown;
    expect(strip(yaml)).toEqual(strip(json));
    expect(yaml.assets.map((a) => a.contentHash)).toEqual(json.assets.map((a) => a.contentHash));
  });

  it('real_case.json: a bare {{id}} in `script` means the script even when a node and a table share the id', async () => {
    const model = await read('real_case.json');
    const analyse = 'dw_open_api_invoke_log_details_analyse';
    const business = 'dw_open_api_invoke_log_details_business';
    expect(nodes(model)).toEqual([
      ['base_tenant_user_alibaba', 'base_tenant_user_alibaba', null, null],
      ['sls_full_access_log', 'sls_full_access_log', 'DI', null],
      [analyse, analyse, 'ODPS_SQL', null],
      [business, 'cn_shanghai_api_access_detail', 'ODPS_SQL', null],
    ]);
    expect(edges(model)).toEqual([`${analyse} <- sls_full_access_log`, `${business} <- ${analyse}`, `${business} <- base_tenant_user_alibaba`].sort());
    expect(ofKind(model, 'table').map((t) => [t.id, t.name])).toEqual([
      ['table:log_store_1', 'pop_rpc_trace_log'],
      ['table:dw_openapi_invoke_log_details', 'dw_openapi_invoke_log_details'],
      [`table:${analyse}`, analyse],
      [`table:${business}`, business],
    ]);
    const sls = model.assets.find((a) => a.id === 'sls_full_access_log')!;
    expect(sls.schedule).toMatchObject({ triggerType: 'Scheduler', cron: '00 */30 00-23 * * ?', priority: 7, timeout: 4 });
    expect(sls.parameters.map((p) => p.name)).toEqual(['bizdate', 'startTime', 'endTime', 'ds']);
    expect(sls.code).toMatchObject({ entry: 'real_case.json', pointer: '/spec/scripts/0/code', language: 'json' });
    expect(model.documents[0].metadata).toEqual({ owner: 26730, description: 'real case example' });
  });

  it('datasource.json: one datasource; its config (credentials) is a lazy code ref, not in the model', async () => {
    const model = await read('datasource.json');
    expect(model.assets.map((a) => [a.kind, a.id, a.name, a.nodeType])).toEqual([['datasource', 'datasource:table1', 'table1', 'mysql']]);
    expect(model.assets[0].code).toMatchObject({ pointer: '/spec/datasources/0/config' });
    expect(JSON.stringify(model)).not.toContain('123456');
  });

  it('table.json: one MaxCompute table from spec.artifacts.tables, DDL referenced', async () => {
    const model = await read('table.json');
    expect(model.assets.map((a) => [a.kind, a.id, a.name, a.nodeType])).toEqual([['table', 'table:table1', 'table1', 'MaxCompute']]);
    expect(model.assets[0].code).toMatchObject({ pointer: '/spec/artifacts/tables/0/ddl' });
  });

  it('file_resource.json: two resources; `file: {{file1}}` resolves into spec.files.oss', async () => {
    const model = await read('file_resource.json');
    expect(model.assets.map((a) => [a.kind, a.id, a.name, a.nodeType, a.folderPath])).toEqual([
      ['resource', 'resource:res_1', 'res_1.py', 'python', 'path/to'],
      ['resource', 'resource:res_2', 'file2.jar', 'jar', 'path/to/file2'],
    ]);
    expect(model.problems.filter((p) => p.code === 'unresolved-reference')).toEqual([]);
    expect(model.assets[1].datasource).toEqual({ name: 'emr_0', type: 'emr' });
  });

  it('function.json: one function using the one resource through {{res_2}}', async () => {
    const model = await read('function.json');
    expect(model.assets.map((a) => [a.kind, a.id, a.nodeType])).toEqual([
      ['resource', 'resource:res_2', 'jar'],
      ['function', 'function:geo_loc', 'MATH'],
    ]);
    expect(edges(model)).toEqual(['function:geo_loc <- resource:res_2 [Resource]']);
    expect(model.assets[1].code).toMatchObject({ pointer: '/spec/functions/0/embeddedCode', language: 'python2' });
  });
});
