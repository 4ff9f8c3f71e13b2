import { Param, ParseUUIDPipe } from '@nestjs/common';
import { AppException } from '../errors/app.exception.js';

/** A route id: not a UUID means no such record (404), never a 500 or a 400 that hints at the format. */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => AppException.notFound() }));
