import type { Type } from '@nestjs/common';

/** The business modules, in the order of the mission. Each is self-contained under src/modules. */
export const FEATURE_MODULES: Type[] = [];
