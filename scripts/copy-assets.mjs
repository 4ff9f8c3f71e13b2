// The build copies what tsc does not: templates and static assets, beside the compiled code.
import { cpSync } from 'node:fs';
cpSync('src/templates', 'dist/src/templates', { recursive: true });
cpSync('src/public', 'dist/src/public', { recursive: true });
