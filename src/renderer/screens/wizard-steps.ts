import type { ComponentType } from 'react';
import { t } from '../i18n';
import type { AppInfo } from '../store/app-slice';
import { stepGuards, type StepGuards, type StepId } from '../store/wizard-guards';
import { ExportScreen } from './export/ExportScreen';
import { InspectScreen } from './inspect/InspectScreen';
import { StartScreen } from './start/StartScreen';
import { DryRunScreen } from './dryrun/DryRunScreen';
import { ImportScreen } from './import/ImportScreen';
import { MapScreen } from './map/MapScreen';
import { PreviewScreen } from './preview/PreviewScreen';
import { UploadScreen } from './upload/UploadScreen';

/**
 * A wizard step as data: the generic Wizard renders the Stepper, the guards and Back/Next from this list alone.
 * To add a step (Map, Dry-run, Preview, Import): add its id to `stepIds` and its guards to `stepGuards`
 * (store/wizard-guards.ts), its strings to i18n/en.ts `wizard.steps`, and an entry here. Unfinished steps are
 * simply not listed, so the user never meets a dead end.
 */
export interface WizardStep extends StepGuards {
  id: StepId;
  title: string;
  description: string;
  Component: ComponentType<{ info: AppInfo }>;
}

const step = (id: StepId, Component: WizardStep['Component']): WizardStep => ({
  id,
  title: t.wizard.steps[id].title,
  description: t.wizard.steps[id].description,
  Component,
  ...stepGuards[id],
});

export const wizardSteps: readonly WizardStep[] = [
  step('start', StartScreen),
  step('export', ExportScreen),
  step('inspect', InspectScreen),
  step('map', MapScreen),
  step('dryrun', DryRunScreen),
  step('preview', PreviewScreen),
  step('import', ImportScreen),
  step('upload', UploadScreen),
];
