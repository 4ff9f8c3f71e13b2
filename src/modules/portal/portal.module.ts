import { Module } from '@nestjs/common';

/** The portal's shared pages: home, sign-in, sign-up, the desks' entry points. */
@Module({})
export class PortalModule {}
