import { AuditEntry, AuditHead } from '../modules/audit/audit-entry.entity.js';
import { MediaAccount } from '../modules/registry/account.entity.js';
import { Subject } from '../modules/registry/subject.entity.js';
import { LoginAttempt, User } from '../modules/users/user.entity.js';
import { SequenceCounter } from './sequence.entity.js';

/** Every entity, in one list: the data source, the migration generator and the schema check use it. */
export const ENTITIES = [
  SequenceCounter,
  AuditEntry,
  AuditHead,
  User,
  LoginAttempt,
  // registry
  Subject,
  MediaAccount,
  // staff (editorial responsibility)
];
