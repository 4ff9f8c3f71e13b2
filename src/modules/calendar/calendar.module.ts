import { Global, Module } from '@nestjs/common';
import { DeadlineCalendar } from './deadline-calendar.js';

/** The PRC working-day calendar, shared by every deadline (reports, rectification, defence windows). */
@Global()
@Module({ providers: [DeadlineCalendar], exports: [DeadlineCalendar] })
export class CalendarModule {}
