import type { ComponentType } from 'react';
import { HistoryIcon, PackageIcon, RouteIcon } from '../components/icons';
import { t } from '../i18n';
import type { AppInfo, ScreenId } from '../store/app-slice';
import type { StepId } from '../store/wizard-guards';
import { HistoryScreen } from './history/HistoryScreen';
import { OpenPackageScreen } from './open/OpenPackageScreen';
import { Wizard } from './wizard/Wizard';

/**
 * The navbar, as data: the migration wizard (one entry; its steps are in ./wizard-steps.ts and shown by the
 * Stepper) and the screens outside it. `screen` is what the link shows; the wizard's link returns to the last step.
 */
export interface NavDefinition {
  id: 'wizard' | Exclude<ScreenId, StepId>;
  title: string;
  Icon: ComponentType;
  Component: ComponentType<{ info: AppInfo }>;
}

export const navItems: readonly NavDefinition[] = [
  { id: 'wizard', title: t.nav.migration, Icon: RouteIcon, Component: Wizard },
  { id: 'open', title: t.nav.open, Icon: PackageIcon, Component: OpenPackageScreen },
  { id: 'history', title: t.nav.history, Icon: HistoryIcon, Component: HistoryScreen },
];
