import type { Type } from '@nestjs/common';
import { PortalModule } from './modules/portal/portal.module.js';
import { RegistryModule } from './modules/registry/registry.module.js';
import { StaffModule } from './modules/staff/staff.module.js';

/** The business modules, in the order of the mission. Each is self-contained under src/modules. */
export const FEATURE_MODULES: Type[] = [RegistryModule, StaffModule, PortalModule];
