import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { UsersModule } from '../users/users.module.js';
import { AdminPageController } from './admin.page.controller.js';
import { AuditPageController } from './audit.page.controller.js';
import { AuthPageController } from './auth.page.controller.js';
import { DeskPageController } from './desk.page.controller.js';
import { PageContext } from './page-context.js';
import { OperatorPages } from './operator-pages.js';
import { PublicPageController } from './public.page.controller.js';
import { RegistryGateway } from './registry.gateway.js';
import { RegistryPageController } from './registry.page.controller.js';
import { StaffPageController } from './staff.page.controller.js';

/**
 * The portal: server-rendered pages in Chinese over the same services as the API. Page controllers
 * of every feature live here so that each feature module stays JSON-only and owned by its team.
 */
@Module({
  imports: [AuthModule, UsersModule, RegistryModule, StaffModule],
  controllers: [
    PublicPageController,
    AuthPageController,
    RegistryPageController,
    StaffPageController,
    DeskPageController,
    AdminPageController,
    AuditPageController,
  ],
  providers: [PageContext, RegistryGateway, OperatorPages],
})
export class PortalModule {}
